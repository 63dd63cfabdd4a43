import Foundation

/// One notice ready to queue: a reply in a conversation of its own (`key`, which is also its
/// idempotency key), to one recipient, with every field filled.
public struct Notice: Sendable, Hashable {
    /// `notify:<campaign>:<order id or C12>`: the conversation and the reply's idempotency key.
    public var key: String
    public var campaign: String
    public var recipient: NoticeRecipient.Key
    public var customerID: Int64
    /// Sanitised to one line: it is drawn in the queue and written into mail headers.
    public var customerName: String
    public var address: String
    public var marketplace: Marketplace
    public var channel: Channel
    /// The language of the variant used.
    public var language: String
    public var subject: String
    public var body: String
    public var orderID: String?
    /// Who the reply is from (the agent running the command).
    public var author: String

    public init(
        key: String, campaign: String, recipient: NoticeRecipient.Key, customerID: Int64, customerName: String, address: String,
        marketplace: Marketplace, channel: Channel, language: String, subject: String, body: String, orderID: String?, author: String
    ) {
        self.key = key
        self.campaign = campaign
        self.recipient = recipient
        self.customerID = customerID
        self.customerName = customerName
        self.address = address
        self.marketplace = marketplace
        self.channel = channel
        self.language = language
        self.subject = subject
        self.body = body
        self.orderID = orderID
        self.author = author
    }
}

extension Notice {
    /// Whether a reply in this conversation goes by mail although no mail came in: a notice on
    /// the email channel opens its conversation itself (both backends' outbox reads ask this).
    public static func goesByMail(conversation: String, channel: Channel) -> Bool {
        channel == .email && conversation.hasPrefix("notify:")
    }
}
