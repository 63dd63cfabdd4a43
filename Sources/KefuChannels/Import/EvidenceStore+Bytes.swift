import Foundation
import KefuStore

extension EvidenceStore {
    /// Stores bytes held in memory (a decoded mail attachment) through the same path as a file
    /// the agent adds: a private temporary file, then `add(file:)` with its copy, fsync and rename.
    public func add(bytes: [UInt8]) throws -> StoredEvidenceFile {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("kefu-attachment-\(getpid())-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw EvidenceError(.storeUnwritable, path: temporary.path, reason: "cannot write a temporary copy")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        return try add(file: temporary)
    }
}
