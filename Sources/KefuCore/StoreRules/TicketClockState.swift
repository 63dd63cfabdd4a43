import Foundation

/// The facts about a ticket that deadlines depend on, as every backend keeps them on its ticket
/// row. Shared so the rules below are written once, whichever database holds the row.
public struct TicketClockState: Sendable {
    public var id: Int64
    public var channel: Channel
    public var marketplace: Marketplace
    public var status: TicketStatus
    public var awaitingSince: Date?
    public var hasReplied: Bool
    public var lastOutboundAt: Date?
    public var language: String?
    public var kind: TicketKind
    public var tags: Set<String>
    public var segment: String?
    public var openedAt: Date?
    public var holds: [Hold]
    /// The time of the earliest open follow-up, if one is set (a backend without follow-ups leaves it nil).
    public var followUpAt: Date?

    public init(
        id: Int64, channel: Channel, marketplace: Marketplace, status: TicketStatus, awaitingSince: Date?,
        hasReplied: Bool, lastOutboundAt: Date?, language: String?, kind: TicketKind, tags: Set<String>,
        segment: String?, openedAt: Date?, holds: [Hold]
    ) {
        self.id = id
        self.channel = channel
        self.marketplace = marketplace
        self.status = status
        self.awaitingSince = awaitingSince
        self.hasReplied = hasReplied
        self.lastOutboundAt = lastOutboundAt
        self.language = language
        self.kind = kind
        self.tags = tags
        self.segment = segment
        self.openedAt = openedAt
        self.holds = holds
    }

    /// "No response needed": the reply clocks that have started settle now, excused; the
    /// resolution clock runs on until the ticket is solved. One rule for both backends.
    public func clocksSettledWithoutReply(policy: any DeadlinePolicy, now: Date) -> [ReplyClock] {
        policy.clocks(for: facts).filter { $0.kind != .resolution && $0.started <= now }
    }

    public var facts: ConversationFacts {
        ConversationFacts(
            channel: channel, marketplace: marketplace, status: status, awaitingSince: awaitingSince,
            hasReplied: hasReplied, language: language, kind: kind, tags: tags, segment: segment,
            openedAt: openedAt, holds: holds)
    }

    /// The follow-up as a clock beside the policy's: due at its time, so the queue sorts it with
    /// the other deadlines. A solved ticket runs none.
    public var followUpClocks: [ReplyClock] {
        guard let followUpAt, status != .solved else { return [] }
        return [ReplyClock(kind: .followUp, policy: FollowUpClock.policy, started: followUpAt, due: followUpAt,
                           target: FollowUp.lateAfter)]
    }

    /// The hold that lasts now, if any.
    public var openHold: Hold? { holds.last.flatMap { $0.end == nil ? $0 : nil } }
}
