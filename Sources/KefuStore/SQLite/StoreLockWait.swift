import Foundation
import GRDB
import KefuCore

/// How long a write waits for another process's write lock on a SQLite store, and what it says
/// while it waits.
///
/// Several kefu processes share one file (an import while the console sends, `kefu deliver`
/// beside `kefu watch`); SQLite lets one write at a time. A short wait is normal and silent; a
/// wait longer than `quietFor` is said once (a user watching a command that does nothing
/// should know why), and a wait longer than `timeout` gives up with SQLITE_BUSY, which
/// `StoreWriteFailure` explains naming the file. `store.lock_timeout` in kefu.yaml and
/// `KEFU_LOCK_TIMEOUT` set the timeout.
public struct StoreLockWait: Sendable {
    public static let defaultTimeout: TimeInterval = 30
    public var timeout: TimeInterval
    /// Waits shorter than this are not mentioned.
    public var quietFor: TimeInterval = 1
    /// Hears one line when a wait outlasts `quietFor`; nil waits silently (the console, whose
    /// terminal is its screen, says it in its status bar through the error instead).
    public var notice: (@Sendable (String) -> Void)?
    /// Hears every wait that outlasts `quietFor` (the console's status bar); set through
    /// `SQLiteTicketStore.onLockWait` once the store is open.
    let listener = LockWaitListener()

    public init(timeout: TimeInterval = StoreLockWait.defaultTimeout, notice: (@Sendable (String) -> Void)? = nil) {
        self.timeout = timeout
        self.notice = notice
    }

    /// The busy handler for the connections of the store at `path`.
    func busyMode(path: String) -> Database.BusyMode {
        let waiter = LockWaiter(wait: self, path: path)
        return .callback { tries in waiter.shouldRetry(tries: tries) }
    }
}

/// The state of one store's waits: when the current wait began, whether it was said.
private final class LockWaiter: @unchecked Sendable {
    private let wait: StoreLockWait
    private let path: String
    private let lock = NSLock()
    private var started: [Int: Date] = [:]
    private var said = false
    /// The waits (by thread) the listener was told of.
    private var told: Set<Int> = []

    init(wait: StoreLockWait, path: String) {
        self.wait = wait
        self.path = path
    }

    /// SQLite calls this each time the lock is still taken (`tries` from 0 for each statement);
    /// sleeping here is the wait, returning false gives up with SQLITE_BUSY.
    func shouldRetry(tries: Int) -> Bool {
        // Connections wait on their own threads; each thread's wait is timed on its own.
        let thread = Int(bitPattern: UInt(pthread_self()))
        let now = Date()
        let (elapsed, sayNow): (TimeInterval, Bool) = lock.withLock {
            if tries == 0 {
                started[thread] = now
                told.remove(thread)
            }
            let elapsed = now.timeIntervalSince(started[thread] ?? now)
            let sayNow = !said && elapsed >= wait.quietFor && wait.notice != nil
            if sayNow { said = true }
            return (elapsed, sayNow)
        }
        if elapsed >= wait.quietFor, elapsed < wait.timeout, lock.withLock({ told.insert(thread).inserted }) {
            wait.listener.tell(StoreLockWaitNotice(path: path, timeout: wait.timeout))
        }
        if elapsed >= wait.timeout {
            StoreFaults.gaveUpWaiting(path: path, after: wait.timeout)
            return false
        }
        if sayNow {
            wait.notice?("waiting for the store at \(path): another kefu is writing (giving up after \(StoreFaults.seconds(wait.timeout)))…")
        }
        // Short sleeps first (most locks last milliseconds), then 50 ms steps.
        usleep(UInt32(min(tries + 1, 10)) * 5_000)
        return true
    }
}

/// Who hears of lock waits (set after opening, so the console can be told while it waits).
final class LockWaitListener: @unchecked Sendable {
    private let lock = NSLock()
    private var handler: (@Sendable (StoreLockWaitNotice) -> Void)?

    func set(_ handler: @escaping @Sendable (StoreLockWaitNotice) -> Void) {
        lock.withLock { self.handler = handler }
    }

    func tell(_ notice: StoreLockWaitNotice) {
        let handler = lock.withLock { self.handler }
        handler?(notice)
    }
}
