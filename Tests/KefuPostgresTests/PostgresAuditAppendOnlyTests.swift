import Foundation
import Testing
import KefuCore
import KefuTestSupport
@testable import KefuPostgres

/// The audit log on the shared server is append-only for every connection (a trigger), not
/// only for Kefu's code: an UPDATE or DELETE from any SQL is refused and the row stays.
@Suite("Audit log of the PostgreSQL store is append-only")
struct PostgresAuditAppendOnlyTests {
    @Test("UPDATE and DELETE on audit_log are refused; the row reads as it was written")
    func appendOnly() throws {
        let store = try PostgresTicketStore(address: try TestPostgresServer.shared().newDatabase(), policy: TestPolicy.standard, environment: [:])
        defer { store.close() }
        _ = try store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        try store.assign(ticketIDs: [id], to: "Bo Chen", by: "Zhang Min", now: Fixture.base)
        let written = try store.auditEntries(AuditQuery())
        #expect(written.count == 1)
        for sql in ["UPDATE audit_log SET agent = 'someone else'", "DELETE FROM audit_log"] {
            let error = #expect(throws: PostgresStoreError.self) { try store.session.query(sql) }
            #expect(error?.description.contains("the audit log is append-only") == true)
        }
        #expect(try store.auditEntries(AuditQuery()) == written)
    }
}
