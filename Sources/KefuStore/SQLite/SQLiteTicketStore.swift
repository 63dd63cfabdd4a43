import Foundation
import GRDB
import KefuCore

/// The embedded store: one SQLite file through a GRDB `DatabasePool`.
///
/// WAL so the console reads while an import writes; a busy timeout so two kefu processes on one
/// file wait for each other instead of failing; `synchronous = FULL` so an acknowledged reply
/// survives a power cut (GRDB sets NORMAL while opening a pool in WAL mode, so it is set again
/// on the writer afterwards); the file is created with mode 0600 because it holds customers'
/// personal data.
public final class SQLiteTicketStore: TicketStore, @unchecked Sendable {
    let pool: DatabasePool
    /// The rules deadlines are computed with.
    public let policy: any DeadlinePolicy
    public let path: String

    /// Set when the store was opened read-only (see `StoreAccess`): why, and whether it is a snapshot.
    public let readOnly: ReadOnlyStore?
    /// How long a write waits for another process's lock.
    public let lockWait: StoreLockWait

    /// Opens (creating if needed) the store at `path`, migrating it to the current schema.
    /// `progress` hears a line before work that reads every row (upgrading an existing store),
    /// so a user never waits on a blank screen without knowing why.
    ///
    /// A store this process may not write is refused with `StoreError.notWritable` (naming the
    /// file and why) before anything is touched, or with `.readIfNotWritable` opened read-only;
    /// `lockWait` says how long a write waits for another process's lock.
    public init(
        path: String, policy: any DeadlinePolicy, access: StoreAccess = .write, lockWait: StoreLockWait = StoreLockWait(),
        progress: (String) -> Void = { _ in }
    ) throws {
        self.path = path
        self.policy = policy
        self.lockWait = lockWait
        var configuration = Configuration()
        configuration.busyMode = lockWait.busyMode(path: path)
        configuration.maximumReaderCount = 4
        configuration.label = "kefu"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // Readers keep the pages a key reads (the queue's index, the thread's messages) in
            // their own cache: with SQLite's 2 MB default every window and thread went back to the
            // kernel for its pages (pread was the top of the console's profile).
            try db.execute(sql: "PRAGMA cache_size = -8192")
        }
        if let problem = StoreWritability.problem(path: path) {
            guard access == .readIfNotWritable, FileManager.default.fileExists(atPath: path) else {
                throw StoreError.notWritable(path: path, reason: problem)
            }
            do {
                let (pool, snapshot) = try ReadOnlyOpening.pool(path: path, configuration: configuration, reason: problem)
                self.pool = pool
                self.readOnly = ReadOnlyStore(reason: problem, snapshot: snapshot)
                try Self.checkReadable(pool, path: path, reason: problem)
            } catch let error as DatabaseError {
                throw StoreError.cannotOpen(path: path, reason: "\(problem), and reading it failed (SQLite: \(error.message ?? "\(error)"))")
            }
            StoreFaults.openedReadOnly(path: path)
            return
        }
        readOnly = nil
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try Self.createPrivateFile(at: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
        do {
            // Other kefu processes may be opening (and migrating) a new store at this moment.
            pool = try ConcurrentOpening.pool(path: path, configuration: configuration)
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // Bulk writes (an import, a recompute after a policy change) touch every index of
                // the ticket table; with SQLite's 2 MB default the pages go back and forth through
                // the kernel. The cache fills only as far as a write needs it.
                try db.execute(sql: "PRAGMA cache_size = -32768")
            }
            let migrator = Schema.migrator
            try SchemaVersion.refuseNewer(pool, path: path, migrator: migrator)
            let applied = try pool.read { try migrator.appliedIdentifiers($0) }
            if !applied.isEmpty, applied.count < migrator.migrations.count {
                progress("upgrading the store at \(path) to this Kefu's schema (\(migrator.migrations.count - applied.count) step(s); once, it reads every ticket)…")
            }
            try ConcurrentOpening.migrate(pool, with: migrator)
            try SchemaVersion.record(pool, version: migrator.migrations.count)
        } catch let error as DatabaseError {
            if let explained = StoreWriteFailure.explain(error) { throw StoreError.cannotOpen(path: path, reason: explained) }
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// A read-only store must already be at this build's schema: upgrading it would write.
    private static func checkReadable(_ pool: DatabasePool, path: String, reason: String) throws {
        let migrator = Schema.migrator
        try SchemaVersion.refuseNewer(pool, path: path, migrator: migrator)
        let applied = try pool.read { try migrator.appliedIdentifiers($0) }
        let missing = migrator.migrations.count - applied.count
        guard missing > 0 else { return }
        throw StoreError.cannotOpen(path: path, reason: applied.isEmpty
            ? "it is not a Kefu store (no schema) and cannot be made one: \(reason)"
            : "an older Kefu wrote it and it needs upgrading to this Kefu's schema (\(missing) step(s)), which writes to it, but \(reason)")
    }

    /// SQLite would create the file with the process umask (usually 0644): create it first, private.
    ///
    /// Only a new file is opened here (O_EXCL): closing a descriptor of a file drops every POSIX
    /// lock this process holds on it, and SQLite's shared lock is what tells another process
    /// that this one still reads the `-wal`. Opening the same store a second time in one process
    /// (as a command does for its capabilities) then let the last other process to close delete
    /// the `-wal` under the first pool, whose next read found "database disk image is malformed".
    private static func createPrivateFile(at path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
        if fd < 0 && errno == EEXIST { return }
        guard fd >= 0 else {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        close(fd)
    }

    /// The `synchronous` level of the connection that writes (2 = FULL).
    public func synchronousLevel() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    public func changeToken() throws -> Int64 {
        // data_version moves when another connection commits; total_changes counts our own.
        try pool.writeWithoutTransaction { db in
            let other = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            let own = try Int64.fetchOne(db, sql: "SELECT total_changes()") ?? 0
            return other &* 1_000_003 &+ own
        }
    }

    /// Runs an integrity check; returns SQLite's findings ("ok" when sound).
    public func integrityCheck() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Copies out a consistent snapshot of the store; used by tests and backups.
    public func checkpoint() throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
    }
}
