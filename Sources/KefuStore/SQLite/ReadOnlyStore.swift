import Foundation
import GRDB
import KefuCore

/// A SQLite store opened for reading only, because this process may not write it.
///
/// SQLite reads a WAL store read-only when its `-shm` and `-wal` files exist or can be made
/// (the folder is writable); a store closed cleanly in a folder the user cannot write has
/// neither, and SQLite refuses it (SQLITE_READONLY_DIRECTORY). Such a store has nothing in a
/// log, so the file alone is the whole store: it is then opened `immutable`, a snapshot that
/// does not see later writes (nobody who could write it is writing, or the `-shm` file would
/// be there). A store with a log left but no `-shm` cannot be read safely and is refused.
public struct ReadOnlyStore: Sendable, Hashable {
    /// Why it is read-only (`StoreWritability.problem`).
    public var reason: String
    /// Opened as an immutable snapshot: changes made after opening are not seen.
    public var snapshot: Bool

    /// The console's status-bar notice, after its `READ-ONLY store` tag.
    public var notice: String {
        "replies, notes and claims are off" + (snapshot ? " · a snapshot: later changes are not seen" : "")
    }
}

enum ReadOnlyOpening {
    static func pool(path: String, configuration: Configuration, reason: String) throws -> (DatabasePool, snapshot: Bool) {
        var configuration = configuration
        configuration.readonly = true
        do {
            return (try probed(DatabasePool(path: path, configuration: configuration)), false)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            guard log == 0 else {
                throw StoreError.cannotOpen(path: path, reason: "it cannot be read safely without writing: \(reason), and \(path)-wal still holds changes "
                    + "that need \(path)-shm, which is missing (SQLite: \(error.message ?? "\(error.resultCode)")); open it once as a user who can write it")
            }
            return (try probed(DatabasePool(path: immutableURI(path), configuration: configuration)), true)
        }
    }

    /// SQLite opens lazily; a first read makes an unreadable store fail here, not on screen.
    private static func probed(_ pool: DatabasePool) throws -> DatabasePool {
        _ = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
        return pool
    }

    /// `file:/the/path?immutable=1`, with the characters a URI gives meaning to escaped.
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var escaped = ""
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x20, 0x7F...:
                escaped += String(format: "%%%02X", byte)
            default:
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "file:" + escaped + "?immutable=1"
    }
}
