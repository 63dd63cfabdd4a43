import Foundation

/// The audit log as readers see it. Writing is the stores' own business: each change writes its
/// row in the same transaction as the change, so a refused or rolled-back change leaves none
/// and a committed one always has its row.
public protocol AuditLog: AnyObject, Sendable {
    /// The rows that match, oldest first (by time, then by the order they were written); with
    /// a limit, the newest `limit` of them.
    func auditEntries(_ query: AuditQuery) throws -> [AuditEntry]
}
