import Foundation
import KefuStore

extension EvidenceStore {
    /// Stores bytes held in memory (a decoded mail attachment) through the same path as a file
    /// the agent adds: a private temporary file, then `add(file:)` with its copy, fsync and rename.
    /// Content already stored (the same photo in many mails) is found by its hash without a copy.
    public func add(bytes: [UInt8]) throws -> StoredEvidenceFile {
        let sha256 = EvidenceHash.hex(of: bytes)
        if contains(sha256: sha256) {
            return StoredEvidenceFile(sha256: sha256, size: Int64(bytes.count), location: location(of: sha256), wasAlreadyStored: true)
        }
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("kefu-attachment-\(getpid())-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw EvidenceError(.storeUnwritable, path: temporary.path, reason: "cannot write a temporary copy")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        return try add(file: temporary)
    }
}
