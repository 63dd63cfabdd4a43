import Foundation

/// A file that came with an imported message, already copied into the evidence store.
public struct AttachmentLink: Sendable, Hashable {
    public var filename: String
    public var contentType: String
    public var sha256: String
    public var size: Int64
    public var isInline: Bool

    public init(filename: String, contentType: String, sha256: String, size: Int64, isInline: Bool) {
        self.filename = filename
        self.contentType = contentType
        self.sha256 = sha256
        self.size = size
        self.isInline = isInline
    }
}

/// One message read from a mailbox, ready to store: the record, its attachments, and where
/// it came from (`maildir`, `mbox`).
public struct ImportedMail: Sendable, Hashable {
    public var record: IngestRecord
    public var attachments: [AttachmentLink]
    public var source: String

    public init(record: IngestRecord, attachments: [AttachmentLink], source: String) {
        self.record = record
        self.attachments = attachments
        self.source = source
    }
}

/// What one mailbox batch did.
public struct MailImportSummary: Sendable, Hashable {
    public var added = 0
    public var duplicates = 0
    public var newTickets = 0
    public var quarantined = 0
    public var attachments = 0

    public init() {}

    public static func += (lhs: inout MailImportSummary, rhs: MailImportSummary) {
        lhs.added += rhs.added
        lhs.duplicates += rhs.duplicates
        lhs.newTickets += rhs.newTickets
        lhs.quarantined += rhs.quarantined
        lhs.attachments += rhs.attachments
    }
}

/// Mailbox import (`kefu import maildir|mbox`, `kefu watch maildir`) on any store: the
/// messages of a batch, their attachment links, their mail origin and the quarantine rows in
/// one transaction, so a killed import leaves whole batches and the next run (which skips
/// stored message ids) completes the rest. The attachments' bytes are in the evidence folder
/// before the batch is stored.
public protocol MailImportStore: TicketStore, StoreMeta {
    func importMail(_ mails: [ImportedMail], quarantined: [QuarantinedInput]) throws -> MailImportSummary
    /// The conversation of a stored message, by its external id (a Message-ID for mail), so a
    /// reply imported later joins the thread of a message imported before.
    func conversation(ofMessage externalID: String) throws -> String?
    /// The files linked to a message, in the order the message carried them.
    func attachments(ofMessage messageID: Int64) throws -> [AttachmentLink]
}

/// Small facts about the store itself, kept in it (the demo's mark, the mail domain of the
/// Message-IDs, the deadline policy's fingerprint).
public protocol StoreMeta: AnyObject, Sendable {
    func meta(_ key: String) throws -> String?
    func setMeta(_ key: String, _ value: String) throws
}

/// Order reports (`kefu import orders`): orders saved with their buyer email, and conversations
/// without an order linked to them, in one transaction.
public protocol OrderImporting: AnyObject, Sendable {
    /// Saves the orders and links tickets that have no order yet: by the buyer's email (the
    /// ticket's customer address, compared without case), else, when the report gives no
    /// email, by the buyer's name on a ticket of the same marketplace. Returns how many it linked.
    @discardableResult
    func importOrders(_ orders: [(order: Order, buyerEmail: String?)]) throws -> Int
    /// The buyer email an order report gave for an order.
    func buyerEmail(orderID: String) throws -> String?
}
