import Foundation
import GRDB
import KefuCore
import KefuTestSupport
import Testing
@testable import KefuStore

/// The audit log is append-only for every connection to the file, not only for Kefu's code:
/// an UPDATE or DELETE from any SQL is refused and the row stays.
@Suite("Audit log of the SQLite store is append-only")
struct AuditAppendOnlyTests {
    @Test("UPDATE and DELETE on audit_log are refused; the row reads as it was written")
    func appendOnly() throws {
        let temp = try TemporaryStore()
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        try temp.store.assign(ticketIDs: [id], to: "Bo Chen", by: "Zhang Min", now: Fixture.base)
        let written = try temp.store.auditEntries(AuditQuery())
        #expect(written.count == 1)
        for sql in ["UPDATE audit_log SET agent = 'someone else'", "DELETE FROM audit_log"] {
            #expect(throws: DatabaseError.self) { try temp.store.pool.write { try $0.execute(sql: sql) } }
        }
        #expect(try temp.store.auditEntries(AuditQuery()) == written)
    }
}
