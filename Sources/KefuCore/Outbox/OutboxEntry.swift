import Foundation

/// A queued reply with everything delivery needs to hand it over, read from the outbox row,
/// its message and its ticket.
public struct OutboxEntry: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable {
        case queued, sending, sent, failed
        /// Sent, then returned by a delivery report (`lastError` says why); never sent again.
        case bounced
    }

    public var id: Int64
    public var messageID: Int64
    public var ticketID: Int64
    public var idempotencyKey: String
    public var state: State
    public var attempts: Int
    public var lastError: String?
    /// The RFC 5322 Message-ID, fixed when the row was queued (without brackets).
    public var mailMessageID: String
    public var queuedAt: Date
    public var updatedAt: Date
    public var handedOverAt: Date?
    /// `email`, `jsonl` or `command` once delivery chose; nil before.
    public var route: String?

    // The reply and where it goes.
    public var body: String
    public var author: String
    public var customerName: String
    public var customerAddress: String
    public var ticketSubject: String
    public var conversation: String
    public var channel: Channel
    public var marketplace: Marketplace
    public var orderID: String?
    /// True when the conversation came in as mail, so the reply goes out as mail.
    public var isMailConversation: Bool
    /// The Message-ID answered (the newest mail from the customer before the reply).
    public var inReplyTo: String?
    /// The thread's Message-IDs, oldest first (customer mail and earlier replies).
    public var references: [String]
    /// Evidence the agent asked to send with the reply (Ctrl-O in the composer).
    public var attachments: [OutboxAttachment] = []
    /// When a failed reply is due again (set with the failure); nil for other states.
    public var retryAt: Date?
    /// Until when a deliverer holds the reply (its lease); nil when nobody does.
    public var leaseUntil: Date?

    public init(
        id: Int64, messageID: Int64, ticketID: Int64, idempotencyKey: String, state: State, attempts: Int, lastError: String?,
        mailMessageID: String, queuedAt: Date, updatedAt: Date, handedOverAt: Date?, route: String?, body: String, author: String,
        customerName: String, customerAddress: String, ticketSubject: String, conversation: String, channel: Channel,
        marketplace: Marketplace, orderID: String?, isMailConversation: Bool, inReplyTo: String?, references: [String],
        attachments: [OutboxAttachment] = [], retryAt: Date? = nil, leaseUntil: Date? = nil
    ) {
        self.id = id
        self.messageID = messageID
        self.ticketID = ticketID
        self.idempotencyKey = idempotencyKey
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.mailMessageID = mailMessageID
        self.queuedAt = queuedAt
        self.updatedAt = updatedAt
        self.handedOverAt = handedOverAt
        self.route = route
        self.body = body
        self.author = author
        self.customerName = customerName
        self.customerAddress = customerAddress
        self.ticketSubject = ticketSubject
        self.conversation = conversation
        self.channel = channel
        self.marketplace = marketplace
        self.orderID = orderID
        self.isMailConversation = isMailConversation
        self.inReplyTo = inReplyTo
        self.references = references
        self.attachments = attachments
        self.retryAt = retryAt
        self.leaseUntil = leaseUntil
    }
}


