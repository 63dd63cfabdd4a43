import Foundation

/// One piece of evidence attached to an order: the row the store keeps about a file in the
/// content-addressed evidence folder. The file itself is named by `sha256`; several records
/// (one per order) may share a file.
public struct EvidenceRecord: Sendable, Hashable {
    /// `EV-2F9A`: what agents type and replies quote.
    public var id: String
    /// Lower-case hex SHA-256 of the content.
    public var sha256: String
    public var orderID: String
    public var kind: EvidenceKind
    public var note: String?
    /// The agent who added it.
    public var addedBy: String
    public var addedAt: Date
    /// The file's name when it was added (`IMG_2041.jpg`), for people; the store names files by hash.
    public var originalName: String
    public var size: Int64

    public init(
        id: String, sha256: String, orderID: String, kind: EvidenceKind, note: String?, addedBy: String, addedAt: Date,
        originalName: String, size: Int64
    ) {
        self.id = id
        self.sha256 = sha256
        self.orderID = orderID
        self.kind = kind
        self.note = note
        self.addedBy = addedBy
        self.addedAt = addedAt
        self.originalName = originalName
        self.size = size
    }

    /// The first 12 hex digits, enough for a buyer or a marketplace to match a file they hold.
    public var shortHash: String { String(sha256.prefix(12)) }
}
