import Foundation

/// What to add to the evidence locker: a file, the order it proves something about, what it is.
public struct NewEvidence: Sendable, Hashable {
    public var file: URL
    public var orderID: String
    public var kind: EvidenceKind
    public var note: String?
    public var addedBy: String

    public init(file: URL, orderID: String, kind: EvidenceKind, note: String? = nil, addedBy: String) {
        self.file = file
        self.orderID = orderID
        self.kind = kind
        self.note = note
        self.addedBy = addedBy
    }
}

/// The answer to an add: the record, and whether it already existed (same file, same order).
public struct EvidenceAddition: Sendable, Hashable {
    public var record: EvidenceRecord
    public var wasAlreadyAttached: Bool

    public init(record: EvidenceRecord, wasAlreadyAttached: Bool) {
        self.record = record
        self.wasAlreadyAttached = wasAlreadyAttached
    }
}

/// The audit record a confirmed removal leaves: what was removed, by whom, when and why.
public struct EvidenceRemoval: Sendable, Hashable {
    public var record: EvidenceRecord
    public var removedBy: String
    public var removedAt: Date
    public var reason: String
    /// False when another record still uses the same file, which is then kept.
    public var fileDeleted: Bool

    public init(record: EvidenceRecord, removedBy: String, removedAt: Date, reason: String, fileDeleted: Bool) {
        self.record = record
        self.removedBy = removedBy
        self.removedAt = removedAt
        self.reason = reason
        self.fileDeleted = fileDeleted
    }
}

/// Why the locker refused: each case says what to fix.
public enum EvidenceLockerError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownOrder(String)
    case unknownEvidence(String)
    case emptyReason
    /// The file could not be taken in: missing, unreadable, too large, not a regular file, or
    /// the store folder cannot be written. `message` names the path and the cause.
    case file(message: String)

    public var description: String {
        switch self {
        case .unknownOrder(let id): "no order '\(id)' in the store (import it first, or check the id)"
        case .unknownEvidence(let id): "no evidence '\(id)' (see `kefu evidence list --order ID`)"
        case .emptyReason: "a removal needs a reason (--reason TEXT): it is kept in the audit record"
        case .file(let message): message
        }
    }
}

/// Evidence files attached to orders: photos, weigh records, carrier scans. Immutable once added;
/// only an explicit removal with a reason deletes a record, and it leaves an audit record.
///
/// Replies refer to evidence by id (`EV-2F9A`, see `EvidenceReference`); whatever sends a reply
/// later resolves those ids here (`evidence(id:)`, `fileLocation(of:)`) to attach the files.
public protocol EvidenceLocker: AnyObject, Sendable {
    /// Copies the file in (content-addressed) and records it for the order. The same file added
    /// to the same order again returns the existing record. Nothing is left half-written on error.
    func addEvidence(_ evidence: NewEvidence, now: Date) throws -> EvidenceAddition
    /// The order's evidence, oldest first.
    func evidence(orderID: String) throws -> [EvidenceRecord]
    /// Looks an id up exactly (`EV-2F9A`; case and the `EV-` prefix are optional).
    func evidence(id: String) throws -> EvidenceRecord?
    /// Where the record's file is kept, for attaching it to a reply.
    func fileLocation(of record: EvidenceRecord) -> URL
    /// Deletes a record, keeps an audit record, and deletes the file when nothing else uses it
    /// (no other evidence record, no mail attachment).
    func removeEvidence(id: String, reason: String, removedBy: String, now: Date) throws -> EvidenceRemoval
    /// Audit records of removals, newest first.
    func evidenceRemovals(limit: Int) throws -> [EvidenceRemoval]
    /// How many replies not yet sent carry this evidence (delivery fails them if it is removed).
    func unsentRepliesCarrying(evidenceID: String) throws -> Int
}
