import Foundation

/// How claims behave: a claim is a lease, held while the agent works the ticket and lapsing
/// after `lease` seconds without a renewal (so a closed laptop does not hide a ticket), and an
/// agent holds at most `capacity` tickets that still need a reply at a time.
public struct ClaimRules: Sendable, Hashable {
    public var lease: TimeInterval
    public var capacity: Int

    public init(lease: TimeInterval = 600, capacity: Int = 1) {
        self.lease = lease
        self.capacity = capacity
    }
}

/// What pressing `n` got.
public enum ClaimOutcome: Sendable, Hashable {
    /// This ticket is now the agent's until the lease lapses.
    case claimed(Ticket)
    /// Every ticket that needs a reply is held or owned by someone else.
    case nothingFree
    /// The agent already holds `capacity` tickets that need a reply (their ids).
    case atCapacity(held: [Int64])
}

/// A live claim, for the queue's "who holds it" column and the lead's view.
public struct TicketClaim: Sendable, Hashable {
    public var ticketID: Int64
    public var agent: String
    public var since: Date
    public var until: Date

    public init(ticketID: Int64, agent: String, since: Date, until: Date) {
        self.ticketID = ticketID
        self.agent = agent
        self.since = since
        self.until = until
    }
}

/// Pull, don't push: an agent claims the most urgent ticket nobody holds. Each store does the
/// whole decision in one transaction (PostgreSQL with `FOR UPDATE SKIP LOCKED`, so fifty agents
/// pressing `n` at once get fifty different tickets), capacity included: it is never left to
/// the client.
public protocol TicketClaiming: AnyObject, Sendable {
    /// Lets go of `releasing` (the ticket the agent leaves, if theirs), then claims for `agent`
    /// the first ticket in triage order of the needs-reply queue, other than `releasing`, that
    /// no other agent holds (a live lease) or owns, until `now + rules.lease`. The agent moved
    /// on from `releasing`: giving it straight back would make `n` stand still.
    /// `skipping`: tickets this agent passed over (the console's `n` from a ticket it leaves
    /// unanswered), not claimed by this call either.
    func claimNext(for agent: String, releasing: Int64?, skipping: [Int64], rules: ClaimRules, now: Date) throws -> ClaimOutcome
    /// Extends the agent's claim (the console does it while the ticket is open); false when the
    /// claim is no longer theirs (it lapsed and someone else took the ticket).
    func renewClaim(ticketID: Int64, agent: String, rules: ClaimRules, now: Date) throws -> Bool
    func releaseClaim(ticketID: Int64, agent: String) throws
    /// The claims that have not lapsed.
    func liveClaims(now: Date) throws -> [TicketClaim]
}

extension TicketClaiming {
    public func claimNext(for agent: String, releasing: Int64?, rules: ClaimRules, now: Date) throws -> ClaimOutcome {
        try claimNext(for: agent, releasing: releasing, skipping: [], rules: rules, now: now)
    }
}
