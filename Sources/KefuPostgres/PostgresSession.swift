import Foundation
import KefuCore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to the server, used synchronously: the store's protocols are plain throwing
/// functions (the console and the commands call them from ordinary threads), so each call waits
/// for postgres-nio's future on its own event loop thread. Calls are serialised by a lock; a
/// transaction holds it from BEGIN to COMMIT, so nothing else runs inside it.
///
/// A lost connection is opened again by the next call (and the failed call reports the loss):
/// the console keeps its draft in memory and retries, a command fails with one clear line.
final class PostgresSession: @unchecked Sendable {
    /// One event loop thread for every connection of the process: the work is the server's.
    static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    let address: PostgresAddress
    let password: String?
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private var inTransaction = false
    private static let quiet = Logger(label: "kefu.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Seconds any one statement may run before the server cancels it (nothing hangs for ever).
    static let statementTimeoutSeconds = 60

    init(address: PostgresAddress, password: String?) throws {
        self.address = address
        self.password = password
        try lock.withLock { _ = try connected() }
    }

    deinit {
        _ = try? connection?.close().wait()
    }

    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        // Outside the catch below: a bad TLS setting says itself what is wrong.
        let configuration = try Self.configuration(address, password: password)
        do {
            let opened = try PostgresConnection.connect(
                on: Self.eventLoops.next(), configuration: configuration, id: 1, logger: Self.quiet
            ).wait()
            // The change feed skips what this connection wrote itself (already on screen).
            let pid = try opened.query("SELECT pg_backend_pid()", logger: Self.quiet).wait().rows.first?.decode(Int32.self)
            pidLock.withLock { currentPID = pid }
            connection = opened
            return opened
        } catch {
            throw PostgresStoreError.connecting(address, error)
        }
    }

    /// The server process serving this session now (it changes when the session reconnects).
    var backendPID: Int32? { pidLock.withLock { currentPID } }
    private let pidLock = NSLock()
    private var currentPID: Int32?

    /// How every connection of the store connects: timeouts so nothing hangs for ever, the
    /// program's name for `pg_stat_activity` (with the connection's role, if not the session's),
    /// times in UTC.
    static func configuration(_ address: PostgresAddress, password: String?, role: String? = nil) throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: password,
            database: address.database, tls: try PostgresTLS.setting(for: address))
        configuration.options.connectTimeout = .seconds(Int64(address.connectTimeout))
        configuration.options.additionalStartupParameters = [
            ("application_name", address.applicationName + (role.map { " (\($0))" } ?? "")),
            ("statement_timeout", "\(Self.statementTimeoutSeconds)s"),
            ("lock_timeout", "\(Self.statementTimeoutSeconds)s"),
            ("idle_in_transaction_session_timeout", "\(Self.statementTimeoutSeconds * 2)s"),
            ("TimeZone", "UTC"),
        ]
        return configuration
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ values: [PostgresValue] = []) throws -> [PostgresResultRow] {
        try lock.withLock { try run(sql, values) }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// Its change notifications are sent after the commit, not from inside it (migration 13):
    /// a transaction that has called `NOTIFY` holds the server's one notification lock through
    /// its commit's WAL flush, so fifty agents' commits took turns on it. Inside the transaction
    /// the watch triggers only note what kind of data changed; after `COMMIT` this sends one
    /// `NOTIFY` per kind, which writes nothing and holds the lock for a moment. A process killed
    /// between the two leaves consoles without that one notification; the next change (or the
    /// next key a console's user presses) reads the store again.
    ///
    /// `readOnlySnapshot`: one snapshot for every statement and no writes (figures that must
    /// agree with each other while others write).
    func transaction<T>(readOnlySnapshot: Bool = false, _ body: (PostgresTransaction) throws -> T) throws -> T {
        try lock.withLock {
            precondition(!inTransaction, "transactions do not nest")
            try run(readOnlySnapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY" : "BEGIN", [])
            inTransaction = true
            defer { inTransaction = false }
            let changed: [String]
            let result: T
            do {
                // A read-only snapshot writes nothing, so it has nothing to tell after its commit.
                if readOnlySnapshot {
                    result = try body(PostgresTransaction(session: self))
                    try run("COMMIT", [])
                    return result
                }
                try run("SELECT set_config('kefu.notify_after_commit', 'on', true)", [])
                result = try body(PostgresTransaction(session: self))
                let noted = try run("""
                    SELECT coalesce(current_setting('kefu.changed_data', true), '') = 'on',
                           coalesce(current_setting('kefu.changed_presence', true), '') = 'on'
                    """, [])
                changed = try noted.first.map { row in (try row.bool(0) ? ["data"] : []) + (try row.bool(1) ? ["presence"] : []) } ?? []
                try run("COMMIT", [])
            } catch {
                _ = try? run("ROLLBACK", [])
                throw error
            }
            // Committed: the caller's write stands whatever happens to the notification.
            for kind in changed { _ = try? run("SELECT pg_notify('kefu_change', $1)", [.text(kind)]) }
            return result
        }
    }

    /// With the lock held.
    fileprivate func run(_ sql: String, _ values: [PostgresValue]) throws -> [PostgresResultRow] {
        let connection = try connected()
        // The server cancels a statement after `statementTimeoutSeconds`; a server that is
        // gone without a word (a dropped network) never answers, so the client gives up too.
        let deadline = connection.eventLoop.scheduleTask(in: .seconds(Int64(Self.statementTimeoutSeconds + 10))) {
            let _: EventLoopFuture<Void> = connection.close()
        }
        defer { deadline.cancel() }
        do {
            let result = try connection.query(
                PostgresQuery(unsafeSQL: sql, binds: PostgresBindings(values)), logger: Self.quiet
            ).wait()
            return result.rows.map(PostgresResultRow.init)
        } catch let error as PSQLError {
            if connection.isClosed { self.connection = nil }
            throw PostgresStoreError.statement(address, error)
        } catch {
            if connection.isClosed { self.connection = nil }
            throw PostgresStoreError.connectionLost(address, "\(error)")
        }
    }

    /// Closes the connection (the next call opens a new one).
    func close() {
        lock.withLock {
            _ = try? connection?.close().wait()
            connection = nil
        }
    }
}

/// The statements of one transaction (only valid inside `PostgresSession.transaction`).
struct PostgresTransaction {
    fileprivate let session: PostgresSession

    @discardableResult
    func query(_ sql: String, _ values: [PostgresValue] = []) throws -> [PostgresResultRow] {
        try session.run(sql, values)
    }
}
