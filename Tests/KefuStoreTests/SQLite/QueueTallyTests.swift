import Foundation
import GRDB
import KefuCore
import KefuTestSupport
import Testing
@testable import KefuStore

/// The SQLite tally behind the screen's counts: read instead of the ticket table, counted once
/// when an older store is upgraded (saying so first), and left aside where a filter or a team
/// scope narrows the queue. That the counts stay right under every write is the conformance
/// suite's `QueueCountTests`.
@Suite("Queue tally of the SQLite store")
struct QueueTallyTests {
    static func store() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        var records: [IngestRecord] = []
        for index in 0..<300 {
            let chat = index % 3 == 0
            records.append(Fixture.message("m\(index)", conversation: "c\(index)", at: Double(index * 17 % 2_880),
                                           channel: chat ? .chat : .marketplace, marketplace: chat ? .shopify : .amazon))
        }
        for index in 0..<40 {
            records.append(Fixture.message("r\(index)", conversation: "c\(index * 7)", direction: .outbound, at: 2_900))
        }
        _ = try temp.store.ingest(records)
        return temp
    }

    /// The totals counted the slow way, on the table itself.
    static func scanned(_ path: String, now: Date) throws -> QueueTotals {
        let t = now.timeIntervalSince1970
        return try DatabaseQueue(path: path).read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE \(sql)") ?? 0 }
            return QueueTotals(
                open: try count("status = 'open'"), needsReply: try count("status = 'open' AND needs_reply = 1"),
                dueWithinHour: try count("status = 'open' AND needs_reply = 1 AND queue_key >= \(t) AND queue_key < \(t + 3600)"),
                overdue: try count("status = 'open' AND needs_reply = 1 AND queue_key < \(t)"))
        }
    }

    @Test("The totals are read from the tally, not counted on the tickets")
    func readsTheTally() throws {
        let temp = try Self.store()
        let now = Fixture.base.addingTimeInterval(36 * 3600)
        let before = try temp.store.totals(now: now)
        #expect(before == (try Self.scanned(temp.path, now: now)))
        #expect(before.open == 300 && before.needsReply == 260)
        // Skew the tally's day buckets of open tickets: a count that scanned the table would not move.
        try DatabaseQueue(path: temp.path).write { db in
            try db.execute(sql: "UPDATE queue_tally SET n = n + 1000 WHERE list = 'open' AND span = 86400 AND bucket = (SELECT max(bucket) FROM queue_tally WHERE list = 'open' AND span = 86400)")
        }
        #expect(try temp.store.totals(now: now).open == 1_300)
        #expect(try temp.store.queueCount(QueueQuery(view: .allOpen, now: now)) == 1_300)
    }

    @Test("Upgrading a store without a tally says so first, then counts what it holds")
    func upgradeCountsExistingTickets() throws {
        let temp = try Self.store()
        try DatabaseQueue(path: temp.path).write { db in
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'queue_tally_%'") {
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
            try db.execute(sql: "DROP TABLE queue_tally")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v9-scale:%'")
        }
        var lines: [String] = []
        let upgraded = try SQLiteTicketStore(path: temp.path, policy: TestPolicy.standard, progress: { lines.append($0) })
        #expect(lines.count == 1)
        #expect(lines.first?.contains("upgrading the store at \(temp.path)") == true)
        for hours in [0.0, 12, 36, 49, 72] {
            let now = Fixture.base.addingTimeInterval(hours * 3600)
            #expect(try upgraded.totals(now: now) == (try Self.scanned(temp.path, now: now)))
        }
        // A store already current opens without a word.
        lines = []
        _ = try SQLiteTicketStore(path: temp.path, policy: TestPolicy.standard, progress: { lines.append($0) })
        #expect(lines.isEmpty)
    }

    @Test("A new store opens without an upgrade line")
    func newStoreIsQuiet() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-tally-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines: [String] = []
        _ = try SQLiteTicketStore(path: folder.appendingPathComponent("new.sqlite").path, policy: TestPolicy.standard,
                                  progress: { lines.append($0) })
        #expect(lines.isEmpty)
    }

    @Test("A filter or a team scope is counted on the index and agrees with its listing")
    func narrowedQueriesAgree() throws {
        let temp = try Self.store()
        let tickets = try temp.store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 1_000)
        _ = try temp.store.assign(ticketIDs: tickets.prefix(50).map(\.id), to: "anna", acting: .unrestricted("lead"), now: Fixture.base)
        let now = Fixture.base.addingTimeInterval(30 * 3600)
        for query in [
            QueueQuery(view: .needsReply, now: now, scope: QueueScope(assignee: .agent("anna")), order: .triage),
            QueueQuery(view: .allOpen, now: now, scope: QueueScope(assignee: .unassigned, channel: .chat)),
            QueueQuery(view: .overdue, filter: "paket", now: now, order: .triage),
        ] {
            let rows = try temp.store.queue(query, after: nil, limit: 1_000)
            #expect(!rows.isEmpty)
            #expect(try temp.store.queueCount(query) == rows.count)
            #expect(try temp.store.queueCount(query, band: .late) == rows.filter { query.triage.band(due: $0.due, now: now) == .late }.count)
            if let last = rows.last { #expect(try temp.store.queueIndex(query, of: QueuePosition(last)) == rows.count - 1) }
        }
    }
}
