import Foundation

/// What the stores of this process met that an error message should name: the file whose lock
/// a write gave up on, the file opened read-only. SQLite's errors carry no file name, and a
/// command's last-chance error handler (`StoreWriteFailure`) only has the error; these say which
/// store it was about.
public enum StoreFaults {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var locked: (path: String, timeout: TimeInterval)?
    nonisolated(unsafe) private static var readOnly: String?
    nonisolated(unsafe) private static var giveUps = 0

    static func gaveUpWaiting(path: String, after timeout: TimeInterval) {
        lock.withLock {
            locked = (path, timeout)
            giveUps += 1
        }
    }

    /// How many waits for a lock gave up so far: a SQLITE_BUSY that moved it came after the
    /// whole wait, one that did not came at once (and may be tried again).
    static var waitsGivenUp: Int { lock.withLock { giveUps } }

    static func openedReadOnly(path: String) {
        lock.withLock { readOnly = path }
    }

    /// The store whose lock a write gave up on, and after how long.
    public static var lockedStore: (path: String, timeout: TimeInterval)? { lock.withLock { locked } }
    /// The store last opened read-only.
    public static var readOnlyStore: String? { lock.withLock { readOnly } }

    /// `30 s`, `1.5 s`.
    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
