import Foundation

/// One message of a conversation, as stored. Text fields are untrusted: sanitise before drawing.
public struct Message: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var ticketID: Int64
    /// The id the message had where it came from (mail Message-ID, marketplace id); unique.
    public var externalID: String
    public var direction: MessageDirection
    public var author: String
    public var recipient: String
    public var at: Date
    public var subject: String
    public var body: String
    public var language: String?
    /// For a reply that went through the outbox: its delivery state (nil for other messages).
    public var delivery: DeliveryState?
    /// What the scam checks found when the message came in (customer messages only).
    public var findings: [SafetyFinding] = []
    /// How its broken structure was read (a mail without a usable boundary...), if it was.
    public var readingNotes: [String] = []

    public init(
        id: Int64, ticketID: Int64, externalID: String, direction: MessageDirection, author: String,
        recipient: String, at: Date, subject: String, body: String, language: String?,
        delivery: DeliveryState? = nil, findings: [SafetyFinding] = []
    ) {
        self.id = id
        self.ticketID = ticketID
        self.externalID = externalID
        self.direction = direction
        self.author = author
        self.recipient = recipient
        self.at = at
        self.subject = subject
        self.body = body
        self.language = language
        self.delivery = delivery
        self.findings = findings
    }
}
