import Foundation

/// What the stores of this process met that an error message should name: the file opened
/// read-only. SQLite's errors carry no file name, and a command's last-chance error handler
/// (`StoreWriteFailure`) only has the error; this says which store it was about.
public enum StoreFaults {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var readOnly: String?

    static func openedReadOnly(path: String) {
        lock.withLock { readOnly = path }
    }

    /// The store last opened read-only.
    public static var readOnlyStore: String? { lock.withLock { readOnly } }
}
