import Foundation

/// Why the store did not do a write, in words any backend can report and the console can say:
/// the console knows no SQL, so a store tells it what its own error meant (`StoreFaultReporting`).
public enum StoreFault: Sendable, Hashable {
    /// Another program held the store's write lock for the whole wait (`timeout` seconds).
    case locked(path: String, timeout: TimeInterval)
    /// No room to write: the disk or quota is full, or the file size limit was reached.
    case full(path: String)
}

/// A store that can tell which `StoreFault`, if any, an error it threw stands for.
public protocol StoreFaultReporting {
    func fault(in error: any Error) -> StoreFault?
}

/// A write has been waiting for another program's lock on the store longer than a moment.
public struct StoreLockWaitNotice: Sendable, Hashable {
    public var path: String
    /// When the wait gives up.
    public var timeout: TimeInterval

    public init(path: String, timeout: TimeInterval) {
        self.path = path
        self.timeout = timeout
    }
}

/// A store that says when a write waits for another program's lock, while it waits: the
/// caller is blocked in that write, so `handler` is its one chance to tell the user why. It is
/// called once per wait, on the thread that waits, after about a second.
public protocol StoreLockWaitReporting {
    func onLockWait(_ handler: @escaping @Sendable (StoreLockWaitNotice) -> Void)
}
