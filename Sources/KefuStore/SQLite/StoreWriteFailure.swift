import GRDB

/// A write the store refused, said the way a user can act on it, naming the file where SQLite's
/// error does not (`StoreFaults` keeps which store it was).
///
/// - a full disk: SQLite reports SQLITE_FULL, and a write past `RLIMIT_FSIZE` (EFBIG) as an I/O
///   error; either way the transaction was rolled back, so what earlier transactions committed
///   (every message or reply already acknowledged) is still there and the store still opens;
/// - a lock held too long by another process (SQLITE_BUSY after `StoreLockWait.timeout`);
/// - a write to a store opened read-only (SQLITE_READONLY).
public enum StoreWriteFailure {
    public static func explain(_ error: any Error) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        let sqlite = "SQLite: \(error.message ?? "\(error.resultCode)")"
        switch error.resultCode {
        case .SQLITE_FULL, .SQLITE_IOERR:
            return "cannot write the store: the disk is full or a file size limit was reached (\(sqlite)). "
                + "The write in progress was rolled back; everything stored before it is kept. Free some space and run the command again."
        case .SQLITE_BUSY:
            let locked = StoreFaults.lockedStore
            let which = locked.map { "the store at \($0.path)" } ?? "the store"
            let after = locked.map { " for \(StoreFaults.seconds($0.timeout))" } ?? ""
            return "\(which) is locked: another kefu process has been writing to it\(after) and this one gave up waiting (\(sqlite)). "
                + "The write in progress was rolled back; everything stored before it is kept. Run the command again when the other is done, "
                + "or wait longer with store.lock_timeout in kefu.yaml or KEFU_LOCK_TIMEOUT (seconds)."
        case .SQLITE_READONLY:
            let which = StoreFaults.readOnlyStore.map { "the store at \($0)" } ?? "the store"
            return "cannot write \(which): it is open read-only (this user may not write it), so nothing was changed (\(sqlite))"
        default:
            return nil
        }
    }
}
