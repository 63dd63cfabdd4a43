import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Evidence files (photos, weigh records, carrier scans...) kept by content, in a folder next
/// to the database:
///
/// ```
/// evidence/
///   objects/2f/9a41c07be3...   one read-only file per distinct content, named by its SHA-256
///   tmp/4711-1f3a9c.partial    copies in progress, named by the copying process's pid
/// ```
///
/// Adding copies the file into `tmp/` while hashing it, fsyncs it, then renames it to its final
/// name and fsyncs the folder. A rename is atomic, so a process killed at any point (even
/// `kill -9`) leaves either nothing under the final name or the whole file; what it leaves in
/// `tmp/` is swept the next time a store is opened. The same content added twice is stored
/// once. Only `removeFile(sha256:)` deletes a file, and only the evidence locker calls it, after
/// a confirmed removal has left its audit record and no other record uses the file.
///
/// Who added a file, when, for which order, of what kind and with what note are database rows
/// that refer to `sha256`; this type only keeps bytes.
public struct EvidenceStore: Sendable {
    public let folder: URL
    /// Files larger than this are refused before anything is copied.
    public let sizeLimit: Int64

    /// Marketplace dispute forms take attachments of a few megabytes; short videos of a
    /// packing table are larger. 100 MiB keeps a mistaken drag of a whole video archive out.
    public static let defaultSizeLimit: Int64 = 100 * 1024 * 1024

    /// A copy in `tmp/` older than this is swept even if its pid is alive again (pids are
    /// reused); no single copy takes a day.
    static let abandonedCopyAge: TimeInterval = 24 * 60 * 60

    private var objectsPath: String { folder.appendingPathComponent("objects").path }
    private var temporaryPath: String { folder.appendingPathComponent("tmp").path }

    /// The evidence folder for a database file: `NAME-evidence/` beside `NAME.sqlite`. One
    /// folder per database, so removing evidence from one store (or replacing the demo store)
    /// never touches a file another store in the same folder still references.
    public static func folder(nextTo databaseFile: URL) -> URL {
        let name = databaseFile.deletingPathExtension().lastPathComponent
        return databaseFile.deletingLastPathComponent().appendingPathComponent(name + "-evidence", isDirectory: true)
    }

    /// Opens (creating if needed) the store at `folder`, and sweeps copies that a killed
    /// process left behind.
    public init(folder: URL, sizeLimit: Int64 = EvidenceStore.defaultSizeLimit) throws {
        self.folder = folder
        self.sizeLimit = sizeLimit
        for path in [folder.path, objectsPath, temporaryPath] {
            do {
                try FileManager.default.createDirectory(
                    atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw EvidenceError(.storeUnwritable, path: path, reason: "cannot create the folder")
            }
        }
        try sweepInterruptedCopies()
    }

    /// The store at `folder` as it is, to read from: nothing is created and nothing swept, so
    /// it works on a folder this user may not write (the source of `kefu store copy` on a
    /// read-only store) and on one that does not exist (a store with no evidence yet).
    public init(reading folder: URL, sizeLimit: Int64 = EvidenceStore.defaultSizeLimit) {
        self.folder = folder
        self.sizeLimit = sizeLimit
    }

    /// Copies `file` into the store (or finds it already there).
    ///
    /// Errors: `.missing`, `.notARegularFile`, `.unreadable`, `.tooLarge` (checked before
    /// copying and again while reading, in case the file grows), `.storeUnwritable`. After an
    /// error nothing new is left in the store.
    public func add(file: URL) throws -> StoredEvidenceFile {
        let path = file.path
        let info: stat
        switch POSIXFile.fileStatus(path) {
        case .success(let status): info = status
        case .failure(let error) where error.code == ENOENT || error.code == ENOTDIR:
            throw EvidenceError(.missing, path: path, reason: "no such file")
        case .failure(let error):
            throw EvidenceError(.unreadable, path: path, reason: "cannot look at the file: \(POSIXFile.errorText(error.code))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw EvidenceError(.notARegularFile, path: path, reason: "not a regular file (a folder or a device?)")
        }
        guard Int64(info.st_size) <= sizeLimit else {
            throw tooLarge(path, size: Int64(info.st_size))
        }
        let source: Int32
        switch POSIXFile.openFile(path, O_RDONLY | O_CLOEXEC) {
        case .success(let descriptor): source = descriptor
        case .failure(let error):
            throw EvidenceError(.unreadable, path: path, reason: "cannot open the file: \(POSIXFile.errorText(error.code))")
        }
        defer { close(source) }

        let (temporary, sha256, size) = try copyToTemporary(from: source, sourcePath: path)
        var keepTemporary = false
        defer { if !keepTemporary { unlink(temporary) } }

        let location = location(of: sha256)
        if FileManager.default.fileExists(atPath: location.path) {
            return StoredEvidenceFile(sha256: sha256, size: size, location: location, wasAlreadyStored: true)
        }
        let shard = location.deletingLastPathComponent().path
        switch POSIXFile.makeDirectory(shard) {
        case .success(true):
            if let code = POSIXFile.syncDirectory(objectsPath) { throw unwritable(objectsPath, code) }
        case .success(false): break
        case .failure(let error):
            throw unwritable(shard, error.code)
        }
        guard rename(temporary, location.path) == 0 else { throw unwritable(location.path, errno) }
        keepTemporary = true
        if let code = POSIXFile.syncDirectory(shard) { throw unwritable(shard, code) }
        return StoredEvidenceFile(sha256: sha256, size: size, location: location, wasAlreadyStored: false)
    }

    /// Where the content with this hash lives (whether or not it is stored).
    public func location(of sha256: String) -> URL {
        let hash = sha256.lowercased()
        return folder.appendingPathComponent("objects")
            .appendingPathComponent(String(hash.prefix(2)))
            .appendingPathComponent(String(hash.dropFirst(2)))
    }

    public func contains(sha256: String) -> Bool {
        FileManager.default.fileExists(atPath: location(of: sha256).path)
    }

    /// Re-reads a stored file and checks it still has the hash it is named by; for an
    /// integrity check after a crash or before evidence is sent to a marketplace.
    public func verify(sha256: String) throws -> Bool {
        let path = location(of: sha256).path
        let source: Int32
        switch POSIXFile.openFile(path, O_RDONLY | O_CLOEXEC) {
        case .success(let descriptor): source = descriptor
        case .failure(let error) where error.code == ENOENT:
            throw EvidenceError(.missing, path: path, reason: "no stored evidence with this hash")
        case .failure(let error):
            throw EvidenceError(.unreadable, path: path, reason: "cannot open: \(POSIXFile.errorText(error.code))")
        }
        defer { close(source) }
        var hasher = EvidenceHash()
        try Self.withChunkBuffer { buffer in
            while true {
                switch POSIXFile.readChunk(source, into: buffer) {
                case .success(0): return
                case .success(let count): hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                case .failure(let error):
                    throw EvidenceError(.unreadable, path: path, reason: "read failed: \(POSIXFile.errorText(error.code))")
                }
            }
        }
        return hasher.finalizeHex() == sha256.lowercased()
    }

    /// Removes copies in `tmp/` whose process is gone (or that are older than a day) and
    /// returns how many. Copies of live processes are left alone: several kefu processes may
    /// share one store.
    @discardableResult
    public func sweepInterruptedCopies() throws -> Int {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: temporaryPath) } catch {
            throw EvidenceError(.storeUnwritable, path: temporaryPath, reason: "cannot list the folder")
        }
        var removed = 0
        let now = Date()
        for name in names where name.hasSuffix(".partial") {
            let path = temporaryPath + "/" + name
            let owner = name.split(separator: "-").first.flatMap { Int32($0) }
            var abandoned = owner.map { !POSIXFile.isProcessAlive($0) } ?? true
            if !abandoned,
                let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            {
                abandoned = now.timeIntervalSince(modified) > Self.abandonedCopyAge
            }
            if abandoned, unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    // MARK: - Copying

    /// Streams `source` into a new file in `tmp/`, hashing as it goes; returns the temporary
    /// path (fsynced, read-only), the hex SHA-256 and the size.
    private func copyToTemporary(from source: Int32, sourcePath: String) throws -> (String, String, Int64) {
        let name = "\(getpid())-\(UInt64.random(in: 0...UInt64.max)).partial"
        let temporary = temporaryPath + "/" + name
        let target: Int32
        switch POSIXFile.openFile(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) {
        case .success(let descriptor): target = descriptor
        case .failure(let error):
            throw unwritable(temporaryPath, error.code)
        }
        var finished = false
        defer {
            if !finished { unlink(temporary) }
        }
        defer { close(target) }
        var hasher = EvidenceHash()
        var size: Int64 = 0
        try Self.withChunkBuffer { buffer in
            while true {
                let count: Int
                switch POSIXFile.readChunk(source, into: buffer) {
                case .success(0): return
                case .success(let read): count = read
                case .failure(let error):
                    throw EvidenceError(.unreadable, path: sourcePath, reason: "read failed: \(POSIXFile.errorText(error.code))")
                }
                size += Int64(count)
                guard size <= sizeLimit else { throw tooLarge(sourcePath, size: size, grew: true) }
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
                hasher.update(chunk)
                if let code = POSIXFile.writeAll(target, chunk) { throw unwritable(temporary, code) }
            }
        }
        if let code = POSIXFile.syncFile(target) { throw unwritable(temporary, code) }
        fchmod(target, 0o400)
        finished = true
        return (temporary, hasher.finalizeHex(), size)
    }

    private static func withChunkBuffer<T>(_ body: (UnsafeMutableRawBufferPointer) throws -> T) rethrows -> T {
        try withUnsafeTemporaryAllocation(byteCount: 256 * 1024, alignment: 16, body)
    }

    private func tooLarge(_ path: String, size: Int64, grew: Bool = false) -> EvidenceError {
        let formatter = ByteCountFormatter()
        formatter.countStyle = .binary
        let limit = formatter.string(fromByteCount: sizeLimit)
        let reason = grew
            ? "grew past the evidence size limit of \(limit) while being copied"
            : "is \(formatter.string(fromByteCount: size)); the evidence size limit is \(limit)"
        return EvidenceError(.tooLarge, path: path, reason: reason)
    }

    private func unwritable(_ path: String, _ code: Int32) -> EvidenceError {
        EvidenceError(.storeUnwritable, path: path, reason: "cannot write the evidence store: \(POSIXFile.errorText(code))", systemError: code)
    }
}
