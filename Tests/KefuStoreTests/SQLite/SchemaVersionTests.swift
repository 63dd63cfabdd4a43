import Foundation
import GRDB
import KefuCore
import KefuTestSupport
import Testing
@testable import KefuStore

/// A store written by a newer Kefu is refused with both versions named, before anything in it
/// changes; a store this build made records its version for older builds to read.
struct SchemaVersionTests {
    private func rawQueue(_ path: String) throws -> DatabaseQueue { try DatabaseQueue(path: path) }

    @Test func aNewStoreRecordsTheVersionThisBuildKnows() throws {
        let temporary = try TemporaryStore()
        let recorded = try rawQueue(temporary.path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        #expect(recorded == SchemaVersion.supported)
        #expect(SchemaVersion.supported >= 13)
    }

    @Test func aMigrationThisBuildDoesNotKnowIsRefusedWithBothVersions() throws {
        let temporary = try TemporaryStore()
        let known = SchemaVersion.supported
        try rawQueue(temporary.path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: something a later Kefu added')")
            try db.execute(sql: "PRAGMA user_version = \(known + 1)")
        }
        let before = try rawQueue(temporary.path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM grdb_migrations") }
        #expect {
            _ = try temporary.reopen()
        } throws: { error in
            guard case StoreError.writtenByNewerKefu(let path, let storeVersion, let supported) = error else { return false }
            let text = "\(error)"
            return path == temporary.path && storeVersion == known + 1 && supported == known
                && text.contains("version \(known + 1)") && text.contains("up to version \(known)") && text.contains("newer Kefu")
        }
        let after = try rawQueue(temporary.path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM grdb_migrations") }
        #expect(after == before)
    }

    @Test func aHigherRecordedVersionAloneIsRefused() throws {
        let temporary = try TemporaryStore()
        try rawQueue(temporary.path).write { db in try db.execute(sql: "PRAGMA user_version = 500") }
        #expect(throws: StoreError.writtenByNewerKefu(path: temporary.path, storeVersion: 500, supportedVersion: SchemaVersion.supported)) {
            _ = try temporary.reopen()
        }
    }

    @Test func anOlderStoreIsMigratedAndItsVersionRaised() throws {
        let temporary = try TemporaryStore()
        try rawQueue(temporary.path).write { db in try db.execute(sql: "PRAGMA user_version = 3") }
        _ = try temporary.reopen()
        let recorded = try rawQueue(temporary.path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        #expect(recorded == SchemaVersion.supported)
    }

    @Test func theSharedCheckComparesNumbersForOtherBackends() throws {
        try SchemaVersion.refuseNewer(path: "pg", storeVersion: 4, supportedVersion: 4)
        #expect(throws: StoreError.writtenByNewerKefu(path: "pg", storeVersion: 5, supportedVersion: 4)) {
            try SchemaVersion.refuseNewer(path: "pg", storeVersion: 5, supportedVersion: 4)
        }
    }
}
