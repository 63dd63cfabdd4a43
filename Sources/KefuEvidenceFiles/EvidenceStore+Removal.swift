import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension EvidenceStore {
    /// Deletes the file with this hash and makes the deletion durable. Returns false when there
    /// was no such file. Callers decide whether the file may go (no record uses it any more).
    @discardableResult
    public func removeFile(sha256: String) throws -> Bool {
        let location = location(of: sha256)
        if unlink(location.path) != 0 {
            if errno == ENOENT { return false }
            throw EvidenceError(.storeUnwritable, path: location.path, reason: "cannot delete: \(POSIXFile.errorText(errno))")
        }
        let shard = location.deletingLastPathComponent().path
        if let code = POSIXFile.syncDirectory(shard) {
            throw EvidenceError(.storeUnwritable, path: shard, reason: "cannot sync the folder: \(POSIXFile.errorText(code))")
        }
        return true
    }
}
