import Foundation

/// What an agent is doing in a ticket, as other consoles show it: `LW` reading, `LW✎` typing.
public enum PresenceActivity: String, Sendable, Hashable, CaseIterable {
    case reading
    case typing
}

/// One agent's presence in one ticket. It lapses at `until` unless the console renews it, so a
/// console that dies leaves no ghost for longer than that.
public struct Presence: Sendable, Hashable {
    public var agent: String
    public var ticketID: Int64
    public var activity: PresenceActivity
    /// When the agent started this activity on this ticket ("typing a reply since 14:02").
    public var since: Date
    public var until: Date

    public init(agent: String, ticketID: Int64, activity: PresenceActivity, since: Date, until: Date) {
        self.agent = agent
        self.ticketID = ticketID
        self.activity = activity
        self.since = since
        self.until = until
    }
}

/// Presence is shared through the store, not a side channel: every console on the store sees
/// the same board, and a lapsed entry is simply not read.
public protocol PresenceBoard: AnyObject, Sendable {
    /// Says that `agent` is in `ticketID` doing `activity` until `now + ttl`; `since` moves only
    /// when the ticket or the activity changes. `ticketID` nil: the agent is in no ticket.
    func announcePresence(agent: String, ticketID: Int64?, activity: PresenceActivity, ttl: TimeInterval, now: Date) throws
    /// Everyone's presence that has not lapsed.
    func presence(now: Date) throws -> [Presence]
}

/// Who the queue row and the thread header name for a ticket: another agent typing, reading,
/// or holding its claim, in that order of weight.
public struct TicketPresence: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case typing
        case reading
        case holding
    }

    public var agent: String
    public var kind: Kind
    public var since: Date

    public init(agent: String, kind: Kind, since: Date) {
        self.agent = agent
        self.kind = kind
        self.since = since
    }

    /// Per ticket, the one entry to show for agents other than `me`.
    public static func byTicket(presence: [Presence], claims: [TicketClaim], excluding me: String) -> [Int64: TicketPresence] {
        var shown: [Int64: TicketPresence] = [:]
        func weight(_ kind: Kind) -> Int { kind == .typing ? 3 : kind == .reading ? 2 : 1 }
        func offer(_ ticketID: Int64, _ entry: TicketPresence) {
            guard TeamRoster.key(entry.agent) != TeamRoster.key(me) else { return }
            if let current = shown[ticketID], weight(current.kind) >= weight(entry.kind) { return }
            shown[ticketID] = entry
        }
        for claim in claims { offer(claim.ticketID, TicketPresence(agent: claim.agent, kind: .holding, since: claim.since)) }
        for entry in presence {
            offer(entry.ticketID, TicketPresence(agent: entry.agent, kind: entry.activity == .typing ? .typing : .reading, since: entry.since))
        }
        return shown
    }

    /// The queue row's mark: initials, with `✎` while typing (three columns).
    public var rowMark: String {
        AgentInitials.of(TerminalSanitizer.oneLine(agent)) + (kind == .typing ? "✎" : " ")
    }
}
