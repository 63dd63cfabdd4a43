import Foundation
import Glibc
import Testing
import KefuCore
import KefuStore
import KefuTestSupport

/// `kefu store copy` through the real binary: SQLite → PostgreSQL → SQLite keeps what a user
/// sees; a copy killed with SIGKILL and run again ends with the same counts; bad requests are
/// refused with one clear line and nothing copied.
@Suite("kefu store copy end to end", .serialized)
struct StoreCopyTests {
    /// A SQLite store with something in every table a team uses: tickets and messages, an
    /// order with a parcel and evidence (one removed), assignment, outcome, hold, snooze, claim,
    /// draft with its attachment choice, template usage, a quarantined line, and the audit log.
    static func filledStore(_ scratch: Scratch, tickets: Int = 6) throws -> String {
        precondition(tickets >= 5, "the fixture works on five tickets")
        let path = scratch.path("source.sqlite")
        let store = try SQLiteTicketStore(path: path, policy: TestPolicy.standard)
        try store.saveOrder(Order(
            id: "302-1", marketplace: .amazon, customerName: "Hans Müller", placedAt: Fixture.base, total: 20, currency: "EUR",
            items: [OrderItem(sku: "MUG", title: "Mug", quantity: 2)], parcels: []))
        _ = try store.attachParcel(Parcel(trackingNumber: "00340434161094042557", carrier: "dhl", shippedAt: Fixture.base), toOrder: "302-1")
        var records = (0..<tickets).map { index in
            Fixture.message("m\(index)", conversation: "c\(index)", at: Double(index), order: index == 0 ? "302-1" : nil)
        }
        records.append(Fixture.message("m0b", conversation: "c0", direction: .outbound, at: 30, body: "Ihr Paket ist unterwegs."))
        _ = try store.ingest(records)
        let ids = try store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 1000)
            .sorted { $0.conversation < $1.conversation }.map(\.id)
        let at = Fixture.base.addingTimeInterval(3600)
        try store.assign(ticketIDs: [ids[1]], to: "Li Wei", by: "Zhang Min", now: at)
        _ = try store.solve(ticketID: ids[2], outcome: OutcomeChoice(problem: .wrongItem, responsible: .warehouse), by: "Li Wei", now: at)
        _ = try store.startHold(ticketID: ids[3], reason: .waitingOnCustomer, agent: "Anna", now: at)
        _ = try store.snooze(ticketID: ids[4], until: Date().addingTimeInterval(86_400), agent: "Anna", now: at)
        _ = try store.claimNext(for: "Bo Chen", releasing: nil, rules: ClaimRules(lease: 600), now: at)
        try store.saveDraft(ticketID: ids[1], body: "Guten Tag, ich prüfe das.", attachEvidence: true, now: at)
        try store.recordTemplateUse("where-is-my-parcel", now: at)
        let locker = try SQLiteEvidenceLocker(store: store)
        let photo = scratch.path("photo.jpg"), scan = scratch.path("scan.pdf")
        try Data("a photo of the parcel".utf8).write(to: URL(fileURLWithPath: photo))
        try Data("a carrier scan".utf8).write(to: URL(fileURLWithPath: scan))
        _ = try locker.addEvidence(NewEvidence(file: URL(fileURLWithPath: photo), orderID: "302-1", kind: .photo, addedBy: "Li Wei"), now: at)
        let removed = try locker.addEvidence(NewEvidence(file: URL(fileURLWithPath: scan), orderID: "302-1", kind: .carrierScan, addedBy: "Li Wei"), now: at)
        _ = try locker.removeEvidence(id: removed.record.id, reason: "wrong order", removedBy: "Zhang Min", now: at)
        let bad = scratch.path("bad.jsonl")
        try "this is not json\n".write(toFile: bad, atomically: true, encoding: .utf8)
        _ = try KefuBinary.run(["ingest", "--db", path, bad], check: false)
        return path
    }

    /// What a user sees of a store, command by command (the JSON forms, which carry no "3 min ago").
    static func views(_ db: String) throws -> [String: String] {
        let queue = try KefuBinary.run(["queue", "--db", db, "--json", "--view", "all-open"]).output
        let tickets = try #require(try JSONSerialization.jsonObject(with: Data(queue.utf8)) as? [[String: Any]])
        var views = ["queue": queue]
        for id in tickets.compactMap({ $0["id"] as? Int }) {
            views["show \(id)"] = try KefuBinary.run(["show", "\(id)", "--db", db, "--json"]).output
        }
        views["audit"] = try KefuBinary.run(["audit", "--db", db, "--json"]).output
        views["evidence"] = try KefuBinary.run(["evidence", "list", "--db", db, "--order", "302-1"]).output
        views["report"] = try KefuBinary.run(["report", "--db", db, "--format", "json", "--now", "2026-11-18T16:00:00Z",
                                              "--time-zone", "UTC", "--since", "2026-11-01"]).output
        // Follow-ups are served by SQLite only in this build (PostgreSQL reports null there, by
        // design): the rest of the report, repeat purchases included, must read the same.
        var report = try #require(try JSONSerialization.jsonObject(with: Data(views["report"]!.utf8)) as? [String: Any])
        report["follow_ups"] = nil
        views["report"] = String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self)
        return views
    }

    @Test("SQLite → PostgreSQL → SQLite: queue, every thread, audit, evidence, report and outbox read the same")
    func roundTrip() throws {
        let scratch = try Scratch()
        let source = try Self.filledStore(scratch)
        let postgres = try TestPostgresServer.shared().newDatabaseURL()
        let back = scratch.path("back.sqlite")
        let there = try KefuBinary.run(["store", "copy", source, postgres])
        #expect(there.output.contains("Copied \(source) → "))
        #expect(there.output.contains("All ") && there.output.contains("tables agree"))
        #expect(there.output.contains("evidence file(s) copied"))
        let home = try KefuBinary.run(["store", "copy", postgres, back])
        #expect(home.output.contains("tables agree"))

        let before = try Self.views(source)
        #expect(before.count > 6)
        #expect(try Self.views(postgres) == before)
        #expect(try Self.views(back) == before)
        #expect(try KefuBinary.run(["outbox", "--db", back]).output == (try KefuBinary.run(["outbox", "--db", source]).output))
        // The copied audit log goes on: a change in the copy is logged after the copied rows.
        let assigned = try KefuBinary.run(["assign", "--db", back, "--to", "Anna", "--by", "Zhang Min", "1"])
        #expect(assigned.status == 0)
        let audit = try KefuBinary.run(["audit", "--db", back, "--limit", "1", "--json"]).output
        #expect(audit.contains("\"to Anna"))
        // The evidence file came along: the copy's locker finds the bytes.
        let store = try SQLiteTicketStore(path: back, policy: TestPolicy.standard)
        let locker = try SQLiteEvidenceLocker(store: store)
        let kept = try #require(try locker.evidence(orderID: "302-1").first)
        #expect(try Data(contentsOf: locker.fileLocation(of: kept)) == Data("a photo of the parcel".utf8))
        let drafted = try #require(try store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 100)
            .first { $0.conversation == "c1" }?.id)
        #expect(try store.draft(ticketID: drafted) == "Guten Tag, ich prüfe das.")
        #expect(try store.draftAttachesEvidence(ticketID: drafted))  // 1 → true → 1 through PostgreSQL's boolean
        // The copy's screen counts come from its own tally (SQLite triggers), and agree with the source's.
        let original = try SQLiteTicketStore(path: source, policy: TestPolicy.standard)
        for view in QueueView.allCases {
            let query = QueueQuery(view: view, now: Date())
            #expect(try store.queueCount(query) == original.queueCount(query), "\(view)")
        }
        #expect(try store.liveClaims(now: Fixture.base.addingTimeInterval(3700)).map(\.agent) == ["Bo Chen"])
    }

    enum Direction: String, CaseIterable, CustomStringConvertible {
        case sqliteToPostgres, postgresToSQLite
        var description: String { rawValue }
    }

    @Test("Killed with SIGKILL in the middle and run again: it goes on and ends with the source's counts", arguments: Direction.allCases)
    func killAndResume(_ direction: Direction) throws {
        let scratch = try Scratch()
        let filled = try Self.filledStore(scratch, tickets: 2000)
        var source = filled, target = try TestPostgresServer.shared().newDatabaseURL()
        if direction == .postgresToSQLite {
            try KefuBinary.run(["store", "copy", filled, target])
            (source, target) = (target, scratch.path("target.sqlite"))
        }
        let copy = try BackgroundProcess([KefuBinary.path, "store", "copy", "--batch", "5", source, target], folder: scratch.path(""))
        // Wait until the first tickets are in (a few hundred small transactions before the last), then kill.
        try BackgroundProcess.waitUntil("the copy to be under way", timeout: 60) {
            !((try? KefuBinary.run(["queue", "--db", target, "--view", "all-open", "--limit", "1"]).output) ?? "").isEmpty
        }
        copy.signal(SIGKILL)
        #expect(copy.wait() == 128 + SIGKILL)
        let partial = try KefuBinary.run(["queue", "--db", target, "--view", "all-open", "--json"]).output
        let partialCount = (try JSONSerialization.jsonObject(with: Data(partial.utf8)) as? [Any])?.count ?? 0
        #expect(partialCount < 2000, "the copy was killed before it ended")

        // Another store may not be copied into the half-made one.
        let other = scratch.path("other.sqlite")
        try KefuBinary.run(["ingest", "--db", other, "-"], input: StoreSharingTests.line(
            id: "o1", conversation: "o", minutesAgo: 1, from: "x <x@example.com>", subject: "s", body: "b"))
        let refused = try KefuBinary.run(["store", "copy", other, target], check: false)
        #expect(refused.status == 1)
        #expect(refused.error.contains("holds a copy of \(source.replacingOccurrences(of: "?sslmode=disable", with: "")), not of this store"))

        let resumed = try KefuBinary.run(["store", "copy", "--batch", "500", source, target])
        #expect(resumed.error.contains("going on with the copy of "))
        #expect(resumed.output.contains("tables agree"))
        // A fresh copy in one go has the same counts, table by table, and reads the same.
        let fresh = direction == .postgresToSQLite ? scratch.path("fresh.sqlite") : try TestPostgresServer.shared().newDatabaseURL()
        let freshCopy = try KefuBinary.run(["store", "copy", source, fresh])
        #expect(Self.counts(resumed.output) == Self.counts(freshCopy.output))
        #expect(Self.counts(resumed.output)["ticket"] == "2000 2000")
        #expect(Self.counts(resumed.output)["message"] == "2002 2002")  // 2000 customers, one answer, one hold note
        #expect(try KefuBinary.run(["queue", "--db", target, "--view", "all-open", "--json"]).output
                == (try KefuBinary.run(["queue", "--db", fresh, "--view", "all-open", "--json"]).output))
        #expect(try KefuBinary.run(["audit", "--db", target, "--json"]).output == (try KefuBinary.run(["audit", "--db", fresh, "--json"]).output))
        // Run once more: already done, same result.
        let again = try KefuBinary.run(["store", "copy", source, target])
        #expect(Self.counts(again.output) == Self.counts(freshCopy.output))
    }

    /// `table from to` lines of the copy's output, by table.
    static func counts(_ output: String) -> [String: String] {
        var counts: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 3, Int(words[1]) != nil { counts[String(words[0])] = "\(words[1]) \(words[2])" }
        }
        return counts
    }

    @Test("Refused: the same store twice, a missing source, a non-empty target; no password printed")
    func refusals() throws {
        let scratch = try Scratch()
        let source = try Self.filledStore(scratch)
        let respelled = URL(fileURLWithPath: source).deletingLastPathComponent().path + "/./source.sqlite"
        let same = try KefuBinary.run(["store", "copy", source, respelled], check: false)
        #expect(same.status == 1 && same.error.contains("FROM and TO are the same store"))
        let missing = try KefuBinary.run(["store", "copy", scratch.path("typo.sqlite"), scratch.path("new.sqlite")], check: false)
        #expect(missing.status == 1 && missing.error.contains("typo.sqlite, which does not exist"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("new.sqlite")))

        let full = scratch.path("full.sqlite")
        try KefuBinary.run(["ingest", "--db", full, "-"], input: StoreSharingTests.line(
            id: "f1", conversation: "f", minutesAgo: 1, from: "x <x@example.com>", subject: "s", body: "b"))
        let notEmpty = try KefuBinary.run(["store", "copy", source, full], check: false)
        #expect(notEmpty.status == 1 && notEmpty.error.contains("is not empty (1 rows in "))

        // A password in TO's URL is never printed, also when the copy is refused.
        let server = try TestPostgresServer.shared()
        let address = try server.newDatabase()
        let url = "postgres://kefu:hunter2@127.0.0.1:\(address.port)/\(address.database)?sslmode=disable"
        try KefuBinary.run(["ingest", "--db", url, "-"], input: StoreSharingTests.line(
            id: "f2", conversation: "g", minutesAgo: 1, from: "y <y@example.com>", subject: "s", body: "b"))
        let refused = try KefuBinary.run(["store", "copy", source, url], check: false)
        #expect(refused.status == 1 && refused.error.contains("is not empty (1 rows in "))
        #expect(!refused.error.contains("hunter2") && !refused.output.contains("hunter2"))
    }
}

extension StoreCopyTests {
    @Test("PostgreSQL → SQLite carries the outbox: a reply queued on the team's server is queued in the copy, once")
    func outboxHome() throws {
        let scratch = try Scratch()
        let postgres = try TestPostgresServer.shared().newDatabaseURL()
        try KefuBinary.run(["ingest", "--db", postgres, "-"], input: StoreSharingTests.line(
            id: "p1", conversation: "amz-1", minutesAgo: 30, from: "Anna Müller <anna@example.de>", subject: "Wo ist mein Paket?", body: "Hallo"))
        let id = try #require(Int(try KefuBinary.run(["next", "--db", postgres, "--peek"]).output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let sent = try KefuBinary.run(["reply", "\(id)", "--db", postgres, "--body-file", "-", "--send", "--force"],
                                      input: "Guten Tag Anna, Ihr Paket ist unterwegs. Viele Grüße")
        #expect(sent.status == 0)
        let back = scratch.path("home.sqlite")
        let copied = try KefuBinary.run(["store", "copy", postgres, back])
        #expect(Self.counts(copied.output)["outbox"] == "1 1")
        let outbox = try KefuBinary.run(["outbox", "--db", back, "--json"]).output
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outbox.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["state"] as? String == "queued")
        #expect(try KefuBinary.run(["show", "\(id)", "--db", back]).output.contains("Ihr Paket ist unterwegs"))
    }
}

extension StoreCopyTests {
    @Test("SQLite → PostgreSQL carries the outbox: a reply sent before the copy is not sent again, a queued one is sent once from the server")
    func outboxToTeam() throws {
        let scratch = try Scratch()
        let sink = try SMTPSink(scratch: scratch)
        let setup = try DeliverySetup(scratch: scratch, smtpPort: sink.port)
        let claire = try setup.ticketID(customer: "Claire Martin")
        _ = try setup.store().send(ReplyRequest(ticketID: claire, body: "Bonjour Claire, la taille M part aujourd’hui.", author: "Li Wei",
                                                idempotencyKey: "before-copy"), now: Date())
        #expect(try setup.kefu(["deliver"]).output.hasPrefix("Delivered 1 replies"))
        _ = try setup.store().send(ReplyRequest(ticketID: claire, body: "Bonjour Claire, voici le suivi du colis.", author: "Li Wei",
                                                idempotencyKey: "after-copy"), now: Date())
        let postgres = try TestPostgresServer.shared().newDatabaseURL()
        let copied = try KefuBinary.run(["store", "copy", setup.db, postgres])
        #expect(Self.counts(copied.output)["outbox"] == "2 2")

        let environment = ["KEFU_CONFIG": setup.config]
        let delivered = try KefuBinary.run(["deliver", "--db", postgres], environment: environment)
        #expect(delivered.output.hasPrefix("Delivered 1 replies, 0 found already handed over, 0 failed"))
        #expect(try KefuBinary.run(["deliver", "--db", postgres], environment: environment).output.hasPrefix("Delivered 0 replies"))
        let received = sink.messages().map { String(decoding: $0, as: UTF8.self) }
        #expect(received.count == 2)
        let ids = received.compactMap { mail in mail.split(separator: "\r\n").first { $0.hasPrefix("Message-ID: ") } }
        #expect(Set(ids).count == 2, "each reply once, by Message-ID: \(ids)")
        #expect(received.last?.contains("voici le suivi du colis") == true)
        let outbox = try KefuBinary.run(["outbox", "--db", postgres, "--json"]).output
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outbox.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["state"] as? String } == ["sent", "sent"])
        // The copy's thread headers are the source's: the reply answers the customer's last mail.
        #expect(received.last?.contains("In-Reply-To: <t7@client.example>") == true)
    }
}
