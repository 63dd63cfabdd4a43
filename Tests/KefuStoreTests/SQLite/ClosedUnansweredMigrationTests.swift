import Foundation
import Testing
import GRDB
import KefuCore
@testable import KefuStore
import KefuTestSupport

/// SQLite only: the v6-team migration. The behaviour is in the conformance suite.
@Suite("Solved while unanswered: stores from before v6-team")
struct ClosedUnansweredMigrationTests {
    let temp: TemporaryStore
    let id: Int64
    let utc = TimeZone(identifier: "UTC")!

    init() throws {
        temp = try TemporaryStore(policy: try TestPolicy.layered())
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0, order: "302-1")])
        id = try #require(try temp.store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 1).first?.id)
    }

    func at(minutes: Double) -> Date { Fixture.base.addingTimeInterval(minutes * 60) }

    @Test("A store solved before v6-team: opening it forgets the closed message, so a new one starts the clock")
    func olderStore() throws {
        _ = try temp.store.solve(ticketID: id, outcome: OutcomeChoice(problem: .other, responsible: .customer), by: "Li Wei",
                                 now: at(minutes: 60))
        // As an older Kefu left it: solved, the first message still awaiting, the fix not yet run.
        try temp.store.pool.write { db in
            try db.execute(sql: "UPDATE ticket SET awaiting_since = ? WHERE id = ?", arguments: [Fixture.base.timeIntervalSince1970, id])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [Schema.solvedForgetAwaiting])
        }
        let reopened = try temp.reopen(policy: try TestPolicy.layered())
        _ = try reopened.ingest([Fixture.message("m2", conversation: "c1", at: 180)])
        #expect(try reopened.ticket(id: id)?.due == at(minutes: 180 + 4 * 60))
    }
}
