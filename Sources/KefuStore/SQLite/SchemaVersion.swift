import GRDB
import Logging
import KefuCore

/// The store's schema version as one number a message can name, and the refusal of a store
/// that a newer Kefu wrote.
///
/// The version is the count of migrations applied; each build knows `Schema.migrator`'s
/// count. After migrating, the version is also kept in `PRAGMA user_version`, so a store opened
/// by an older build tells how far it got. A store is newer when it holds a migration this build
/// does not know (GRDB's `hasBeenSuperseded`) or its recorded version is above ours; then
/// nothing is migrated or written and `StoreError.writtenByNewerKefu` names both versions.
/// Backends with numbered migrations (PostgreSQL) compare their numbers through `refuseNewer`
/// the same way.
public enum SchemaVersion {
    /// The version this build migrates stores to.
    public static var supported: Int { Schema.migrator.migrations.count }

    /// Throws `writtenByNewerKefu` when `storeVersion` is above `supportedVersion`.
    public static func refuseNewer(path: String, storeVersion: Int, supportedVersion: Int = supported) throws {
        guard storeVersion > supportedVersion else { return }
        throw StoreError.writtenByNewerKefu(path: path, storeVersion: storeVersion, supportedVersion: supportedVersion)
    }

    /// Checks an SQLite store before migrating it.
    static func refuseNewer(_ pool: DatabasePool, path: String, migrator: DatabaseMigrator) throws {
        let (superseded, applied, recorded) = try pool.read { db in
            (
                try migrator.hasBeenSuperseded(db),
                try db.tableExists("grdb_migrations") ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") ?? 0 : 0,
                try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            )
        }
        let known = migrator.migrations.count
        let storeVersion = max(applied, recorded)
        if superseded || storeVersion > known {
            // A store with unknown migrations is newer even when its count is not higher
            // (a newer Kefu that dropped an old step); name at least one more than ours.
            throw StoreError.writtenByNewerKefu(path: path, storeVersion: max(storeVersion, known + 1), supportedVersion: known)
        }
    }

    /// Records the version after migrating (only ever raised, never lowered).
    static func record(_ pool: DatabasePool, version: Int) throws {
        try pool.writeWithoutTransaction { db in
            let recorded = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if recorded < version {
                try db.execute(sql: "PRAGMA user_version = \(version)")
                Logger(label: "kefu.store").notice("store migrated", metadata: ["from_version": "\(recorded)", "to_version": "\(version)"])
            }
        }
    }
}
