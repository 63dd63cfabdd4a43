import Foundation
import KefuCore
import Logging
import NIOCore
import PostgresNIO

/// What other kefu processes commit, pushed by the server: every watched table has a
/// statement trigger that sends `NOTIFY kefu_change, '<kind>'` (migration 8), and this feed
/// LISTENs on a connection of its own, so a long transaction on the store's session never
/// delays a notification. It counts what arrives by kind and skips what the store's own
/// session wrote (the console already shows its own writes).
///
/// It runs on the store's NIO event loop with callbacks, not as a Swift task: the cooperative
/// thread pool has one thread per core, and a caller blocking those (tests, a busy process)
/// must never hold back a notification.
///
/// When its connection goes, the feed says so (`StoreConnection.lost`) and connects again
/// every second; once back, it counts one change, because what was committed meanwhile was
/// never told.
final class PostgresChangeFeed: @unchecked Sendable {
    static let channel = "kefu_change"
    static let retryInterval: TimeAmount = .seconds(1)
    static let heartbeatInterval: TimeAmount = .seconds(5)

    private let address: PostgresAddress
    private let password: String?
    /// The store session's server process, whose notifications are its own writes.
    private let ownPID: @Sendable () -> Int32?
    private let loop: any EventLoop = PostgresSession.eventLoops.next()
    private let lock = NSLock()
    private var changes = StoreChanges(data: 0, presence: 0, connection: .connected)
    private var started = false
    private var stopped = false
    private var connection: PostgresConnection?
    private static let quiet = Logger(label: "kefu.postgres.feed", factory: { _ in SwiftLogNoOpLogHandler() })

    init(address: PostgresAddress, password: String?, ownPID: @escaping @Sendable () -> Int32?) {
        self.address = address
        self.password = password
        self.ownPID = ownPID
    }

    /// What arrived so far; the first reading starts listening.
    func reading() -> StoreChanges {
        let start: Bool = lock.withLock {
            defer { started = true }
            return !started && !stopped
        }
        if start { connect() }
        return lock.withLock { changes }
    }

    func stop() {
        let open: PostgresConnection? = lock.withLock {
            stopped = true
            defer { connection = nil }
            return connection
        }
        _ = try? open?.close().wait()
    }

    deinit { let _: EventLoopFuture<Void>? = connection?.close() }

    private func connect() {
        guard let configuration = try? PostgresSession.configuration(address, password: password, role: "change feed") else {
            // The store's session connected with the same settings; should they fail now, the
            // feed says it is lost and tries again.
            lost()
            retry()
            return
        }
        PostgresConnection.connect(
            on: loop, configuration: configuration, id: 2, logger: Self.quiet
        ).whenComplete { [weak self] result in
            guard let self else { return }
            switch result {
            case .failure:
                self.lost()
                self.retry()
            case .success(let opened):
                guard self.lock.withLock({ () -> Bool in
                    if self.stopped { return false }
                    self.connection = opened
                    return true
                }) else {
                    let _: EventLoopFuture<Void> = opened.close()
                    return
                }
                opened.addListener(channel: Self.channel) { [weak self] _, notification in
                    self?.received(notification.payload, from: notification.backendPID)
                }
                opened.closeFuture.whenComplete { [weak self] _ in
                    // Held until closed: postgres-nio wants a connection closed before it goes.
                    withExtendedLifetime(opened) {}
                    guard let self else { return }
                    self.lost()
                    self.retry()
                }
                // The LISTEN goes before this on the connection: once it answers, the feed
                // hears everything; whatever happened before was not told, so count it once.
                opened.query("SELECT 1", logger: Self.quiet).whenSuccess { [weak self] _ in
                    self?.connected()
                    self?.heartbeat(opened)
                }
            }
        }
    }

    /// A network that drops without a word leaves the socket open for minutes: the feed asks
    /// the server every `heartbeatInterval` and closes a connection that does not answer in
    /// time, which says "lost" and starts connecting again.
    private func heartbeat(_ connection: PostgresConnection) {
        loop.scheduleTask(in: Self.heartbeatInterval) { [weak self] in
            guard let self, !connection.isClosed, !self.lock.withLock({ self.stopped }) else { return }
            let deadline = self.loop.scheduleTask(in: Self.heartbeatInterval) {
                let _: EventLoopFuture<Void> = connection.close()
            }
            connection.query("SELECT 1", logger: Self.quiet).whenComplete { [weak self] result in
                deadline.cancel()
                if case .success = result { self?.heartbeat(connection) }
            }
        }
    }

    private func retry() {
        guard !lock.withLock({ stopped }) else { return }
        loop.scheduleTask(in: Self.retryInterval) { [weak self] in self?.connect() }
    }

    private func received(_ kind: String, from pid: Int32) {
        if pid == ownPID() { return }
        lock.withLock {
            if kind == "presence" { changes.presence &+= 1 } else { changes.data &+= 1 }
        }
    }

    private func connected() {
        lock.withLock {
            changes.connection = .connected
            changes.data &+= 1
            changes.presence &+= 1
        }
    }

    private func lost() {
        lock.withLock {
            connection = nil
            if !stopped, case .connected = changes.connection {
                changes.connection = .lost(since: Date(), server: "\(address.host):\(address.port)")
            }
        }
    }
}
