import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether this process may write a SQLite store, and if not, why — asked before opening, so a
/// store the user cannot write opens read-only (or a writing command is refused, naming the
/// file) instead of failing at its first write with a bare "Permission denied".
///
/// `access(2)` answers as the kernel would for a write by this user: it sees the mode bits, a
/// read-only mount (EROFS) and an immutable file (EPERM), and for root it answers with root's
/// capabilities (root without CAP_DAC_OVERRIDE is stopped by mode bits like anyone). In WAL
/// mode SQLite writes three files — the store, `NAME-wal` and `NAME-shm` — and creates and
/// removes the last two in the store's folder, so the folder must be writable too.
///
///     StoreWritability.problem(path: "/srv/kefu/kefu.sqlite")
///     // "its folder /srv/kefu is not writable by this user (root; folder mode 0500, owner root) ..."
public enum StoreWritability {
    /// Nil when this process can write the store at `path` (or create it there); otherwise a
    /// phrase saying what stops it, for "cannot write the store at PATH: …".
    public static func problem(path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: path) else {
            // A new store: the nearest folder that exists must take the new folders and file.
            var existing = folder
            while !FileManager.default.fileExists(atPath: existing), existing != "/" {
                existing = URL(fileURLWithPath: existing).deletingLastPathComponent().path
            }
            return deny(existing).map { "it does not exist and cannot be made: its folder \(existing) \(describe($0, existing, kind: "folder"))" }
        }
        if let error = deny(path) { return "the file \(describe(error, path, kind: "file"))" }
        for side in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + side) {
            if let error = deny(path + side) { return "\(name)\(side) beside it \(describe(error, path + side, kind: "file"))" }
        }
        if let error = deny(folder) {
            return "its folder \(folder) \(describe(error, folder, kind: "folder")) (SQLite makes \(name)-wal and \(name)-shm there to write)"
        }
        return nil
    }

    /// The errno of a refused write check, nil when writing is allowed.
    private static func deny(_ path: String) -> Int32? {
        access(path, W_OK) == 0 ? nil : errno
    }

    private static func describe(_ error: Int32, _ path: String, kind: String) -> String {
        switch error {
        case EROFS: return "is on a file system mounted read-only"
        case EPERM: return "is marked immutable (chattr +i)"
        case EACCES:
            var info = stat()
            let mode = stat(path, &info) == 0 ? String(info.st_mode & 0o7777, radix: 8) : "?"
            let owner = stat(path, &info) == 0 ? userName(info.st_uid) : "?"
            return "is not writable by this user (\(userName(getuid())); \(kind) mode 0\(mode), owner \(owner))"
        default:
            return "cannot be written (\(String(cString: strerror(error))))"
        }
    }

    private static func userName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }
}
