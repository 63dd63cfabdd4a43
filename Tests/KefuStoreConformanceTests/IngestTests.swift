import Foundation
import Testing
import KefuCore
import KefuTestSupport

@Suite("Ingesting messages into conversations")
struct IngestTests {
    @Test("Messages join their conversation; the ticket row carries the list columns", arguments: StoreBackend.allCases)
    func joining(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let summary = try temp.store.ingest([
            Fixture.message("m1", conversation: "c1", at: 0, order: "114-1234567-1234567"),
            Fixture.message("m2", conversation: "c1", direction: .outbound, at: 30, body: "Wir prüfen das."),
            Fixture.message("m3", conversation: "c1", at: 60, body: "Danke! Gibt es Neuigkeiten?"),
            Fixture.message("m4", conversation: "c2", at: 10, channel: .chat, marketplace: .shopify, from: "佐藤 花子 <hanako@example.jp>"),
        ])
        #expect(summary == IngestSummary(added: 4, duplicates: 0, newTickets: 2))
        let rows = try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 10)
        #expect(rows.map(\.conversation) == ["c2", "c1"])  // the 5-minute chat is due first
        let c1 = rows[1]
        #expect(c1.customerName == "Anna Müller")
        #expect(c1.lastFrom == .customer)
        #expect(c1.snippet == "Danke! Gibt es Neuigkeiten?")
        #expect(c1.orderID == "114-1234567-1234567")
        #expect(c1.messageCount == 3)
        // Next-reply clock from the follow-up at minute 60, Amazon's 24 hours.
        #expect(c1.due == Fixture.base.addingTimeInterval(60 * 60 + 24 * 3600))
        #expect(rows[0].customerName == "佐藤 花子")
        #expect(rows[0].due == Fixture.base.addingTimeInterval(10 * 60 + 5 * 60))
    }

    @Test("Ingesting the same messages twice adds nothing", arguments: StoreBackend.allCases)
    func idempotent(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let records = (0..<50).map { Fixture.message("m\($0)", conversation: "c\($0 % 7)", at: Double($0)) }
        #expect(try temp.store.ingest(records).added == 50)
        let again = try temp.store.ingest(records)
        #expect(again == IngestSummary(added: 0, duplicates: 50, newTickets: 0))
        #expect(try temp.store.counts() == (7, 50))
    }

    @Test("A seller's message ends the wait: the conversation leaves the needs-reply queue", arguments: StoreBackend.allCases)
    func answeredByIngest(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([
            Fixture.message("m1", conversation: "c1", at: 0),
            Fixture.message("m2", conversation: "c1", direction: .outbound, at: 90),
        ])
        let now = Fixture.base.addingTimeInterval(3600 * 2)
        #expect(try temp.store.queue(QueueQuery(view: .needsReply, now: now), after: nil, limit: 10).isEmpty)
        let all = try temp.store.queue(QueueQuery(view: .allOpen, now: now), after: nil, limit: 10)
        #expect(all.first?.lastFrom == .agent)
        #expect(all.first?.due == nil)
        // The first-reply deadline was met (90 minutes of 24 hours) and recorded.
        let outcomes = try temp.store.deadlineOutcomes(ticketID: all[0].id)
        #expect(outcomes.count == 1)
        #expect(outcomes.first?.met == true)
        #expect(abs((outcomes.first?.elapsedCalendarSeconds ?? 0) - 90 * 60) < 0.001)
    }

    @Test("Hostile text is stored as it came (sanitising happens on the way to the screen)", arguments: StoreBackend.allCases)
    func storesRawText(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let hostile = "pay here\u{1B}]52;c;aGk=\u{07} now"
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0, body: hostile)])
        let ticket = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first)
        #expect(try temp.store.messages(ticketID: ticket.id).first?.body == hostile)
    }

    @Test("Quarantined input is kept with its reason", arguments: StoreBackend.allCases)
    func quarantine(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        try temp.store.quarantine(QuarantinedInput(source: "a.jsonl", location: "line 3", reason: "not valid JSON", raw: "{oops", at: Fixture.base))
        let kept = try temp.store.quarantined(limit: 10)
        #expect(kept.count == 1)
        #expect(kept.first?.reason == "not valid JSON")
        #expect(kept.first?.raw == "{oops")
    }
}

/// A batch is taken in with each conversation's ticket changed in memory and written once; it
/// must end exactly where taking the same messages one at a time ends.
@Suite("Ingest batches agree with one message at a time")
struct IngestBatchAgreementTests {
    @Test("Random conversations with replies, follow-ups, late arrivals and repeats",
          arguments: StoreBackend.allCases, [1, 2, 3] as [UInt64])
    func agreement(_ backend: StoreBackend, seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var records: [IngestRecord] = []
        for number in 0..<300 {
            let conversation = "c\(Int.random(in: 0..<25, using: &random))"
            let direction: MessageDirection = [.inbound, .inbound, .outbound, .note].randomElement(using: &random)!
            // Mostly in time order, sometimes a message that arrives late.
            let minutes = Double(number * 7) - (Int.random(in: 0..<6, using: &random) == 0 ? 200 : 0)
            let id = Int.random(in: 0..<12, using: &random) == 0 && number > 0 ? records[number - 1].id : "m\(number)"
            records.append(Fixture.message(id, conversation: conversation, direction: direction, at: minutes,
                                           body: "Message \(number)\nsecond line", order: number % 5 == 0 ? "114-000000\(number % 10)-1234567" : nil))
        }
        // Half the conversations already stored before the batch.
        let early = records.prefix(60)
        let batched = try BackendStore(backend), single = try BackendStore(backend)
        for store in [batched.store, single.store] { _ = try store.ingest(Array(early)) }
        let batchSummary = try batched.store.ingest(Array(records.dropFirst(60)))
        var singleSummary = IngestSummary()
        for record in records.dropFirst(60) {
            let part = try single.store.ingest([record])
            singleSummary.added += part.added
            singleSummary.duplicates += part.duplicates
            singleSummary.newTickets += part.newTickets
        }
        #expect(batchSummary == singleSummary)
        let now = Fixture.base.addingTimeInterval(3 * 3600)
        let left = try batched.store.queue(QueueQuery(view: .allOpen, now: now), after: nil, limit: 100)
        let right = try single.store.queue(QueueQuery(view: .allOpen, now: now), after: nil, limit: 100)
        #expect(left.count == 25)
        #expect(left.map(\.conversation) == right.map(\.conversation))
        for (ticket, other) in zip(left, right) {
            #expect(ticket == other, "ticket of \(ticket.conversation)")
            #expect(try batched.store.deadlineOutcomes(ticketID: ticket.id) == single.store.deadlineOutcomes(ticketID: ticket.id),
                    "deadline records of \(ticket.conversation)")
        }
    }
}

/// The same messages end in the same place on both backends: every ticket, every clock and every
/// deadline record equal, so the two stores follow one set of rules.
@Suite("SQLite and PostgreSQL agree")
struct BackendAgreementTests {
    @Test("Random conversations taken in by both stores give equal queues and deadline records", arguments: [4, 5] as [UInt64])
    func agreement(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var records: [IngestRecord] = []
        for number in 0..<400 {
            let conversation = "c\(Int.random(in: 0..<40, using: &random))"
            let direction: MessageDirection = [.inbound, .inbound, .outbound, .note].randomElement(using: &random)!
            let minutes = Double(number * 5) - (Int.random(in: 0..<6, using: &random) == 0 ? 300 : 0)
            let channel: Channel = [.marketplace, .email, .chat].randomElement(using: &random)!
            let marketplace: Marketplace = [.amazon, .ebay, .shopify].randomElement(using: &random)!
            records.append(Fixture.message(
                "m\(number % 380)", conversation: conversation, direction: direction, at: minutes, channel: channel,
                marketplace: marketplace, from: Fixture.internationalNames[number % Fixture.internationalNames.count],
                body: "Nachricht \(number) — 你好 🙂\nzweite Zeile", order: number % 3 == 0 ? "114-000000\(number % 10)-1234567" : nil))
        }
        let sqlite = try BackendStore(.sqlite), postgres = try BackendStore(.postgres)
        for store in [sqlite.store, postgres.store] {
            _ = try store.ingest(Array(records.prefix(150)))
            _ = try store.ingest(Array(records.dropFirst(150)))
        }
        let now = Fixture.base.addingTimeInterval(24 * 3600)
        for view in QueueView.allCases {
            let query = QueueQuery(view: view, now: now)
            let left = try sqlite.store.queue(query, after: nil, limit: 100)
            let right = try postgres.store.queue(query, after: nil, limit: 100)
            #expect(left == right, "view \(view)")
            #expect(try sqlite.store.queueCount(query) == postgres.store.queueCount(query), "count of \(view)")
        }
        #expect(try sqlite.store.totals(now: now) == postgres.store.totals(now: now))
        for ticket in try sqlite.store.queue(QueueQuery(view: .allOpen, now: now), after: nil, limit: 100) {
            #expect(try sqlite.store.deadlineOutcomes(ticketID: ticket.id) == postgres.store.deadlineOutcomes(ticketID: ticket.id))
            #expect(try sqlite.store.clocks(ticketID: ticket.id) == postgres.store.clocks(ticketID: ticket.id))
            #expect(try sqlite.store.messages(ticketID: ticket.id) == postgres.store.messages(ticketID: ticket.id))
        }
        #expect(try sqlite.store.counts() == postgres.store.counts())
    }
}
