import Foundation

/// A piece of evidence a queued reply carries: the evidence record as it was when the reply
/// was queued. The bytes are the evidence store's file named by `sha256`.
public struct OutboxAttachment: Sendable, Hashable {
    public var evidenceID: String
    public var sha256: String
    /// The file's original name (`weigh-2041.jpg`), which the customer sees.
    public var filename: String
    public var contentType: String
    public var size: Int64
    /// False when the evidence record was removed (or replaced by other content) after the
    /// reply was queued: delivery then refuses to send it.
    public var stillRecorded: Bool

    public init(evidenceID: String, sha256: String, filename: String, contentType: String, size: Int64, stillRecorded: Bool = true) {
        self.evidenceID = evidenceID
        self.sha256 = sha256
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.stillRecorded = stillRecorded
    }
}
