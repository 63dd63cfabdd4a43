import GRDB
import KefuCore

/// What SQLite's refusals mean to a user of the store, for callers that know no SQL (the
/// console words them in its status bar), and the lock waits they may say while they wait.
extension SQLiteTicketStore: StoreFaultReporting, StoreLockWaitReporting {
    public func fault(in error: any Error) -> StoreFault? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        // A write past RLIMIT_FSIZE comes back as an I/O error (see `StoreWriteFailure`).
        case .SQLITE_FULL, .SQLITE_IOERR: return .full(path: path)
        case .SQLITE_BUSY: return .locked(path: path, timeout: lockWait.timeout)
        default: return nil
        }
    }

    public func onLockWait(_ handler: @escaping @Sendable (StoreLockWaitNotice) -> Void) {
        lockWait.listener.set(handler)
    }
}
