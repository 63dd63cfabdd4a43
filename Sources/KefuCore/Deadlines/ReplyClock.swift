import Foundation

/// Which promise a clock measures.
public enum ClockKind: String, Codable, Sendable, Hashable {
    /// The first answer to a new conversation.
    case firstReply = "first_reply"
    /// The answer to a customer message that came after the team had replied.
    case nextReply = "next_reply"
    /// The conversation solved as a whole.
    case resolution
    /// A follow-up the agent or a rule set (`FollowUp`): due at its time, ended by a reply
    /// after that time or by marking it done. Never counted in the response-time meters.
    case followUp = "follow_up"
}

/// One running deadline on a ticket. A ticket may run several at once (the marketplace's 24
/// calendar hours beside the team's own business-hours target); the nearest one is shown.
public struct ReplyClock: Sendable, Hashable, Codable {
    public var kind: ClockKind
    /// The name of the policy that set this clock, for "why is this due then?".
    public var policy: String
    public var started: Date
    public var due: Date
    /// The time the policy allows in all, in seconds of the clock's own time (calendar or business).
    public var target: TimeInterval
    /// Counted on a business calendar rather than in calendar hours.
    public var business: Bool
    public var paused: Bool
    /// When three quarters of the target have gone by, counted on the clock's own time: from
    /// then on the deadline shows as due soon. Nil: judge by `target` in calendar time.
    public var warnAt: Date?

    public init(
        kind: ClockKind, policy: String, started: Date, due: Date, target: TimeInterval,
        business: Bool = false, paused: Bool = false, warnAt: Date? = nil
    ) {
        self.warnAt = warnAt
        self.kind = kind
        self.policy = policy
        self.started = started
        self.due = due
        self.target = target
        self.business = business
        self.paused = paused
    }
}

/// What a deadline policy needs to know about a conversation to start its clocks.
public struct ConversationFacts: Sendable, Hashable {
    public var channel: Channel
    public var marketplace: Marketplace
    public var status: TicketStatus
    /// When the oldest customer message that has not been answered arrived; nil when the seller
    /// had the last word.
    public var awaitingSince: Date?
    /// Whether the team has answered this conversation before (first reply vs. next reply).
    public var hasReplied: Bool
    public var language: String?
    /// What the conversation is about (message, return request, ...): marketplaces time them differently.
    public var kind: TicketKind
    /// Labels the team put on the conversation; SLA policies can match on them.
    public var tags: Set<String>
    /// The customer's segment (e.g. `vip`), for policies that promise some customers more.
    public var segment: String?
    /// When the conversation's first customer message arrived: where a resolution clock starts.
    /// Nil: the resolution clock starts at `awaitingSince`.
    public var openedAt: Date?
    /// Every stretch the conversation spent waiting on the customer or on hold, oldest first;
    /// the last has no end while the hold lasts. Clocks whose policy pauses for it skip this time.
    public var holds: [Hold]

    public init(
        channel: Channel, marketplace: Marketplace, status: TicketStatus, awaitingSince: Date?,
        hasReplied: Bool, language: String? = nil, kind: TicketKind = .message, tags: Set<String> = [],
        segment: String? = nil, openedAt: Date? = nil, holds: [Hold] = []
    ) {
        self.channel = channel
        self.marketplace = marketplace
        self.status = status
        self.awaitingSince = awaitingSince
        self.hasReplied = hasReplied
        self.language = language
        self.kind = kind
        self.tags = tags
        self.segment = segment
        self.openedAt = openedAt
        self.holds = holds
    }
}

/// Decides which reply clocks run on a conversation. The console and the store only talk to
/// this interface, so a richer SLA engine can replace the simple channel policy without them
/// changing.
public protocol DeadlinePolicy: Sendable {
    func clocks(for facts: ConversationFacts) -> [ReplyClock]
    /// Names the rules, so a store can tell that they changed since its clocks were computed
    /// and recompute open tickets. Nil: unknown (never triggers a recompute).
    var fingerprint: String? { get }
}

extension DeadlinePolicy {
    public var fingerprint: String? { nil }
}

extension Array where Element == ReplyClock {
    /// The clock that decides the ticket's place in the queue: the earliest due that is not paused.
    public var nearest: ReplyClock? {
        filter { !$0.paused }.min { $0.due < $1.due }
    }
}
