import Foundation
import Glibc

/// The folder where email handoffs are staged and recorded, `outbox-spool/` beside the store:
///
/// ```
/// outbox-spool/
///   <message-id>.eml    the exact bytes handed to the mail command; also the handoff's lock
///   <message-id>.json   the same for a marketplace reply: its JSON line (for a connector
///                       command, or the lock of a reply appended to replies.jsonl)
///   <message-id>.sent   the journal: created (O_EXCL, then fsync of it and the folder) by the
///                       handoff process only after the command exited 0
/// ```
///
/// Files are named by the reply's Message-ID, which is fixed when the reply is queued, so a
/// journal can only ever speak for that one reply (a new store at the same path makes new
/// Message-IDs). Staged files are created once and never rewritten (link-if-absent), so a
/// process holding a lock on one always holds it on the file others open.
public struct DeliverySpool: Sendable {
    public let folder: String

    public init(folder: String) throws {
        self.folder = folder
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw DeliveryError("cannot create the spool folder \(folder): \(error.localizedDescription)")
        }
    }

    /// The spool beside a store file.
    public static func folder(nextTo databasePath: String) -> String {
        URL(fileURLWithPath: databasePath).deletingLastPathComponent().appendingPathComponent("outbox-spool").path
    }

    /// A file name from a Message-ID: letters, digits, `.`, `-`, `_`, `@` kept, the rest as `%XX`.
    static func fileStem(_ messageID: String) -> String {
        var stem = ""
        for byte in messageID.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-@".unicodeScalars.contains(scalar) {
                stem.unicodeScalars.append(scalar)
            } else {
                stem += String(format: "%%%02X", byte)
            }
        }
        return stem.hasPrefix(".") ? "%2E" + stem.dropFirst() : stem
    }

    /// What a staged file holds: an email, or a marketplace reply's JSON line.
    public enum Staged: String, Sendable, CaseIterable {
        case email = "eml"
        case line = "json"
    }

    public func messagePath(_ messageID: String, _ staged: Staged = .email) -> String {
        folder + "/" + Self.fileStem(messageID) + "." + staged.rawValue
    }
    public func journalPath(_ messageID: String) -> String { folder + "/" + Self.fileStem(messageID) + ".sent" }

    public func isHandedOver(_ messageID: String) -> Bool {
        access(journalPath(messageID), F_OK) == 0
    }

    /// Writes the message file unless it exists (same Message-ID, same bytes), then opens it and
    /// takes its exclusive lock, waiting while another process (a handoff still running after
    /// its deliverer died) holds it. The returned descriptor keeps the lock until closed.
    ///
    /// A sweep (of a reply another process has just sent) may unlink the file between our
    /// staging and our lock: then it is staged again, so the lock is always on the linked file.
    public func stageAndLock(_ messageID: String, bytes: [UInt8], as staged: Staged = .email) throws -> Int32 {
        let path = messagePath(messageID, staged)
        for _ in 0..<5 {
            if access(path, F_OK) != 0 {
                let temporary = folder + "/.tmp-\(getpid())-\(UUID().uuidString)"
                defer { unlink(temporary) }
                try DurableFile.write(bytes, to: temporary)
                if link(temporary, path) != 0 && errno != EEXIST {
                    let code = errno
                    throw DeliveryError("cannot stage \(path): \(String(cString: strerror(code)))", systemError: code)
                }
                try DurableFile.syncFolder(folder)
            }
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 {
                if errno == ENOENT { continue }
                throw DeliveryError("cannot open \(path): \(String(cString: strerror(errno)))")
            }
            while flock(descriptor, LOCK_EX) != 0 {
                if errno != EINTR {
                    close(descriptor)
                    throw DeliveryError("cannot lock \(path): \(String(cString: strerror(errno)))")
                }
            }
            var status = stat()
            if fstat(descriptor, &status) == 0, status.st_nlink > 0 { return descriptor }
            close(descriptor)
        }
        throw DeliveryError("cannot stage \(path): it keeps disappearing (another process removing it?)")
    }

    /// Records that the mail command took the message (called by the handoff process).
    ///
    /// The journal counts by its existence, so it is created first, in one system call, the
    /// moment the command has exited 0 — a kill -9 after that finds it, whatever its content —
    /// and made durable (content, fsync, folder fsync) afterwards, against power loss.
    public func recordHandedOver(_ messageID: String, note: String) throws {
        let path = journalPath(messageID)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return }
            throw DeliveryError("cannot write the journal \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        try DurableFile.writeAll(descriptor, Array(note.utf8), path: path)
        guard fsync(descriptor) == 0 else { throw DeliveryError("cannot sync \(path): \(String(cString: strerror(errno)))") }
        try DurableFile.syncFolder(folder)
    }
}

extension DeliverySpool {
    /// The Message-ID a file stem stands for (the inverse of `fileStem`).
    static func messageID(fromStem stem: Substring) -> String {
        var bytes: [UInt8] = []
        var index = stem.startIndex
        while index < stem.endIndex {
            if stem[index] == "%", let end = stem.index(index, offsetBy: 3, limitedBy: stem.endIndex),
               let byte = UInt8(stem[stem.index(after: index)..<end], radix: 16) {
                bytes.append(byte)
                index = end
            } else {
                bytes += Array(String(stem[index]).utf8)
                index = stem.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Removes what delivery no longer needs: staged files and journals of replies the store
    /// has as `sent` (left by a crash between the commit and the clean-up, or by a deliverer
    /// that found the reply sent by another), and temporary files of processes that are gone.
    /// A staged file still locked (a handoff running) is left for a later sweep; files of
    /// replies the store does not have as sent are never touched. Returns how many went.
    @discardableResult
    public func sweep(isSent: (String) throws -> Bool) throws -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        var removed = 0
        for name in names {
            let path = folder + "/" + name
            if name.hasPrefix(".tmp-") || name.hasPrefix(".err-") {
                let owner = name.dropFirst(5).split(separator: "-").first.flatMap { pid_t($0) }
                if let owner, kill(owner, 0) != 0, errno == ESRCH, unlink(path) == 0 { removed += 1 }
                continue
            }
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { continue }
            let suffix = name[name.index(after: dot)...]
            let isJournal = suffix == "sent"
            guard isJournal || Staged(rawValue: String(suffix)) != nil else { continue }
            guard try isSent(Self.messageID(fromStem: name[..<dot])) else { continue }
            if isJournal {
                if unlink(path) == 0 { removed += 1 }
                continue
            }
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0, unlink(path) == 0 { removed += 1 }
        }
        return removed
    }
}

/// Writes that survive a crash: the whole file, fsync, and fsync of the folder after a rename.
enum DurableFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DeliveryError.system("cannot create \(path)") }
        defer { close(descriptor) }
        try writeAll(descriptor, bytes, path: path)
        guard fsync(descriptor) == 0 else { throw DeliveryError.system("cannot sync \(path)") }
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw DeliveryError.system("cannot write \(path)")
            }
            offset += written
        }
    }

    static func syncFolder(_ folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DeliveryError("cannot open \(folder): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw DeliveryError.system("cannot sync \(folder)") }
    }
}

/// A delivery problem with a message for the user.
public struct DeliveryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    /// The system's error number when a system call failed, else nil.
    public var systemError: Int32?

    public init(_ description: String, systemError: Int32? = nil) {
        self.description = description
        self.systemError = systemError
    }

    /// `what`, a colon and the text of the current errno (read first, before anything resets it).
    static func system(_ what: String) -> DeliveryError {
        let code = errno
        return DeliveryError("\(what): \(String(cString: strerror(code)))", systemError: code)
    }

    /// No room to write: the disk or quota is full, or the file size limit was reached.
    public var isOutOfSpace: Bool { systemError.map(OutOfSpace.errors.contains) == true }
}
