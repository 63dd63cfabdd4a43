import Foundation

/// Where a conversation stands. Only `open` tickets are in the queue.
public enum TicketStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case open
    case waiting
    case solved
}

/// A customer conversation with the columns the queue shows, kept on the row so the list never
/// has to read message bodies.
public struct Ticket: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var conversation: String
    public var channel: Channel
    public var marketplace: Marketplace
    public var customerName: String
    public var customerAddress: String
    public var subject: String
    /// The start of the last message, one line, for the queue.
    public var snippet: String
    public var status: TicketStatus
    public var lastFrom: Speaker
    public var lastMessageAt: Date
    /// The nearest running reply deadline, nil when no clock runs (answered, or no policy).
    public var due: Date?
    /// How long the nearest clock gives in all, for the "less than 25% left" warning.
    public var dueTarget: TimeInterval?
    public var language: String?
    public var orderID: String?
    public var messageCount: Int
    /// Bumped on every change; the optimistic check for concurrent writers.
    public var version: Int
    /// When the nearest clock has a quarter of its target left, on its own time (see `DeadlineState`).
    public var warnAt: Date?
    /// Why the clocks stand still now, when the conversation is on hold.
    public var hold: HoldReason?
    /// A customer message waits for an answer (not answered, not settled as "no response needed").
    public var awaitingReply = false
    /// The agent who owns the ticket now; nil when nobody does.
    public var assignee: String?
    /// The scam checks flagged a customer message: the queue row's word after `⚠` (`link`,
    /// `file`, `sender`, `scam`); nil when nothing was flagged.
    public var safetyMark: String?
    /// The policy of the nearest running clock (its label, `ClockLabel`, goes beside the countdown).
    public var duePolicy: String?
    /// An unsent draft is saved for this ticket (the queue marks the row).
    public var hasDraft = false
    /// Snoozed with `z`: out of the queue until then.
    public var snoozedUntil: Date?
    /// The time of the earliest open follow-up (`F`, or a rule's "speak first"); nil when none.
    public var followUpAt: Date?
    /// The customer's segment (`vip`, `loyal`, …): given by the message, else derived from the
    /// customer's orders (`SegmentRules`); the queue row shows its letter.
    public var segment: String?

    public init(
        id: Int64, conversation: String, channel: Channel, marketplace: Marketplace, customerName: String,
        customerAddress: String, subject: String, snippet: String, status: TicketStatus, lastFrom: Speaker,
        lastMessageAt: Date, due: Date?, dueTarget: TimeInterval?, language: String?, orderID: String?,
        messageCount: Int, version: Int
    ) {
        self.id = id
        self.conversation = conversation
        self.channel = channel
        self.marketplace = marketplace
        self.customerName = customerName
        self.customerAddress = customerAddress
        self.subject = subject
        self.snippet = snippet
        self.status = status
        self.lastFrom = lastFrom
        self.lastMessageAt = lastMessageAt
        self.due = due
        self.dueTarget = dueTarget
        self.language = language
        self.orderID = orderID
        self.messageCount = messageCount
        self.version = version
    }

    /// A ticket needs a reply while a deadline clock runs on it.
    public var needsReply: Bool { status == .open && due != nil }

    /// The short name of the clock that sets `due` (`chat`, `AMZ`, `team`).
    public var clockLabel: String { ClockLabel.of(policy: duePolicy, channel: channel, marketplace: marketplace) }

    /// The deadline shown is a follow-up's (the queue and the thread header say "follow-up").
    public var dueIsFollowUp: Bool { duePolicy == FollowUpClock.policy }
}
