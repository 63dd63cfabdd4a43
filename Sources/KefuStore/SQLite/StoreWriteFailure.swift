import GRDB

/// A write the disk refused (full, or the file size limit reached), said the way a user can act
/// on it. SQLite reports a full disk as SQLITE_FULL and a write past `RLIMIT_FSIZE` (EFBIG) as an
/// I/O error; either way the transaction was rolled back, so what earlier transactions committed
/// (every message or reply already acknowledged) is still there and the store still opens.
public enum StoreWriteFailure {
    public static func explain(_ error: any Error) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL, .SQLITE_IOERR:
            return "cannot write the store: the disk is full or a file size limit was reached (SQLite: \(error.message ?? "\(error.resultCode)")). "
                + "The write in progress was rolled back; everything stored before it is kept. Free some space and run the command again."
        default:
            return nil
        }
    }
}
