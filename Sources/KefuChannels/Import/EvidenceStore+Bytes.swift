import Foundation
import Glibc
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
        defer { unlink(temporary.path) }
        // Written with the system calls themselves, so a full disk is told apart by its errno.
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            throw EvidenceError(.storeUnwritable, path: temporary.path, reason: "cannot write a temporary copy: \(String(cString: strerror(code)))", systemError: code)
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                throw EvidenceError(.storeUnwritable, path: temporary.path, reason: "cannot write a temporary copy: \(String(cString: strerror(code)))", systemError: code)
            }
            offset += written
        }
        return try add(file: temporary)
    }
}
