import Foundation
import KefuCore

/// A message as Kefu understands it: who wrote to whom and when, what it says, the files it
/// carries, and where it belongs (marketplace, order, conversation).
public struct ParsedMail: Sendable, Hashable {
    /// Message-ID without angle brackets; nil when the message has none.
    public var messageID: String?
    public var inReplyTo: [String]
    /// References, oldest (the thread root) first.
    public var references: [String]
    public var from: [MailAddress]
    public var replyTo: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    /// The Date header; nil when absent or unreadable (callers fall back to delivery time).
    public var date: Date?
    /// Decoded, whitespace collapsed.
    public var subject: String
    /// What the agent reads: the plain text, or HTML made readable.
    public var text: String
    public var attachments: [MailAttachment]
    /// The `<a href>` links of the HTML parts with their visible text (for the scam checks).
    public var htmlLinks: [LinkAnchor] = []
    /// The first tag of Content-Language, when the sender declared one.
    public var language: String?
    /// Set when a machine sent it (an auto-reply, a delivery report, bulk mail): no deadline
    /// counts it, and a failed delivery report names the mail of ours it returns.
    public var automatic: AutomaticMail?
    public var classification: MailClassification
    /// See `ConversationKey`.
    public var conversationKey: String
    /// A hash of the raw bytes (FNV-1a 64, hex), an id for messages without a Message-ID.
    public var contentHash: String
    /// Repairs and guesses made while reading (unknown charset, missing closing boundary...).
    public var notes: [String]
    /// All header fields, for callers that need one this model does not lift out.
    public var header: MessageHeader

    /// An auto-reply, delivery report or bulk mail, which deadlines should not count.
    public var isAutomatic: Bool { automatic != nil }

    /// The address replies go to: Reply-To when present, else From.
    public var replyAddress: MailAddress? { replyTo.first ?? from.first }

    /// The id to store the message under: its Message-ID, else `content-<hash>`, so importing the
    /// same message twice gives the same id either way.
    public var storageID: String { messageID ?? "content-" + contentHash }
}
