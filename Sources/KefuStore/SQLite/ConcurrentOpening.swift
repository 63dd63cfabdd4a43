import Foundation
import GRDB

/// Opening a new store while other kefu processes open it too (the console, `kefu watch` and
/// `kefu deliver` started together by a service manager or a script). Two things go wrong
/// without care, both only while the file is new:
///
/// - switching a fresh file to WAL (`PRAGMA journal_mode = WAL`, when GRDB opens the pool)
///   answers "database is locked" at once, without waiting, while another connection does the
///   same: try again shortly (a lock that outlasted the whole `StoreLockWait` is not retried;
///   GRDB writes while opening when the `-wal` file is empty, so opening can wait for a lock);
/// - GRDB reads which migrations are applied once, then runs each missing one in its own
///   transaction, so two processes both run one and the later fails on what the first created
///   ("duplicate column name"). Nothing is applied twice — each migration records its
///   identifier under a primary key in its own transaction, so the second rolls back — but the
///   loser would refuse to start: look again and carry on from where the other one got.
enum ConcurrentOpening {
    static func pool(path: String, configuration: Configuration) throws -> DatabasePool {
        var retries = 0
        while true {
            let givenUp = StoreFaults.waitsGivenUp
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && retries < 100 {
                // A lock another process held past the whole wait (`StoreLockWait`) is not tried
                // again: the user was told, and waited long enough.
                if StoreFaults.waitsGivenUp != givenUp { throw error }
                retries += 1
                usleep(20_000)
            }
        }
    }

    /// Migrates; a failure while another process moved the schema on is retried from there, a
    /// failure with no progress by anyone is a real error and is thrown.
    static func migrate(_ pool: DatabasePool, with migrator: DatabaseMigrator) throws {
        var retries = 0
        while true {
            let before = try pool.read { try migrator.appliedIdentifiers($0) }
            do {
                try migrator.migrate(pool)
                return
            } catch {
                if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
                let after = try pool.read { try migrator.appliedIdentifiers($0) }
                guard after != before, retries < 100 else { throw error }
                retries += 1
            }
        }
    }
}
