import Foundation

/// A file held by the evidence store, named by its content.
public struct StoredEvidenceFile: Sendable, Hashable {
    /// Lower-case hex SHA-256 of the content: the file's identity.
    public var sha256: String
    public var size: Int64
    /// Where the content lives (`objects/ab/cdef...`); read-only.
    public var location: URL
    /// True when the same content was already stored: adding it again changed nothing.
    public var wasAlreadyStored: Bool

    public init(sha256: String, size: Int64, location: URL, wasAlreadyStored: Bool) {
        self.sha256 = sha256
        self.size = size
        self.location = location
        self.wasAlreadyStored = wasAlreadyStored
    }

    /// The first 12 hex digits, for references a buyer reads ("sha256 2f9a41c07be3").
    public var shortHash: String { String(sha256.prefix(12)) }

    /// The short evidence id when no other evidence shares its first four hex digits; the
    /// store of record (the database) decides in general, see `EvidenceID.assign`.
    public var defaultID: EvidenceID { EvidenceID(sha256: sha256) }
}
