import Foundation
import KefuCore

/// The shared store for a team: one PostgreSQL database that many kefu processes on many
/// machines use at once. It implements the same KefuCore store protocols as the SQLite store,
/// with the same rules (KefuCore's `TicketDraft`), so nothing above it knows which it has.
///
/// Concurrency: writes that must not interleave take row locks (`SELECT … FOR UPDATE`) on the
/// tickets they change; ingest also takes an advisory lock so two importers never open the same
/// conversation twice; every write that belongs together is one transaction.
public final class PostgresTicketStore: TicketStore, @unchecked Sendable {
    let session: PostgresSession
    public let policy: any DeadlinePolicy
    public let address: PostgresAddress
    let feed: PostgresChangeFeed

    /// Connects (the password from the URL, else `PGPASSWORD`, else `~/.pgpass`) and migrates
    /// the database to the current schema. Errors say which server and what to do.
    public init(address: PostgresAddress, policy: any DeadlinePolicy, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.address = address
        self.policy = policy
        let session = try PostgresSession(address: address, password: Self.password(for: address, environment: environment))
        self.session = session
        feed = PostgresChangeFeed(address: address, password: session.password, ownPID: { [weak session] in session?.backendPID })
        try PostgresSchema.migrate(session)
    }

    /// The password libpq would use: the URL's, `PGPASSWORD`, or the first matching line of
    /// `$PGPASSFILE` / `~/.pgpass`.
    static func password(for address: PostgresAddress, environment: [String: String]) -> String? {
        if let password = address.password { return password }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let file = environment["PGPASSFILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return PasswordFile.password(for: address, in: text)
    }

    /// The schema version the database is at.
    public func schemaVersion() throws -> Int {
        Int(try session.query("SELECT coalesce(max(version), 0) FROM kefu_migration")[0].int(0))
    }

    /// The newest schema version this binary knows.
    public static var latestSchemaVersion: Int { PostgresSchema.latest }

    public func changeToken() throws -> Int64 {
        // The server's transaction snapshot changes whenever any transaction that wrote commits
        // (or starts writing), so a reader that sees it move and reads again sees the commit.
        // Consoles listen instead (`changeFeed()`, LISTEN/NOTIFY); this serves the rest.
        let snapshot = try session.query("SELECT pg_current_snapshot()::text")[0].string(0)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in snapshot.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    public func close() {
        feed.stop()
        session.close()
    }
}

extension PostgresTicketStore: StoreChangeFeed {
    /// What other processes committed, as the server told the feed (no query).
    public func changeFeed() -> StoreChanges { feed.reading() }
}

extension PostgresTicketStore {
    /// Whether this store's connection is encrypted, as the server reports it (`pg_stat_ssl`).
    public func connectionIsEncrypted() throws -> Bool {
        try session.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first?.bool(0) ?? false
    }
}
