import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport
@testable import KefuConsole

/// The engine against a real SQLite store: what the agent sees after keys is what the store holds.
@Suite("Console engine over a real store")
struct ConsoleEngineTests {
    static func store(tickets: Int) throws -> TemporaryStore {
        let temp = try TemporaryStore()
        var records: [IngestRecord] = []
        for i in 0..<tickets {
            records.append(Fixture.message("m\(i)", conversation: "c\(i)", at: Double(-i * 3),
                                           from: Fixture.internationalNames[i % Fixture.internationalNames.count],
                                           subject: "Ticket \(i)"))
        }
        _ = try temp.store.ingest(records)
        return temp
    }

    static func engine(_ temp: TemporaryStore, rows: Int = 40, cols: Int = 120) -> ConsoleEngine {
        var state = AppState(rows: rows, cols: cols, now: Fixture.base, profile: ConsoleFixtures.profile, templates: ConsoleFixtures.templates)
        state.timeZone = TimeZone(identifier: "UTC")!
        let keys = LockedCounter()
        let engine = ConsoleEngine(state: state, environment: ConsoleEnvironment(
            store: temp.store, clock: .fixed(Fixture.base.addingTimeInterval(60)), makeIdempotencyKey: { "key-\(keys.next())" }))
        engine.start()
        return engine
    }

    @Test("Walking the whole queue with j, G and g g visits tickets in the store's order")
    func walking() throws {
        let temp = try Self.store(tickets: 1000)
        let engine = Self.engine(temp)
        let expected = try temp.store.queue(QueueQuery(now: Fixture.base, order: .triage), after: nil, limit: 2000).map(\.id)
        #expect(engine.state.queue.total == 1000)
        var seen: [Int64] = [engine.state.queue.selectedTicket!.id]
        for _ in 0..<999 {
            engine.send(.key(.char("j")))
            seen.append(engine.state.queue.selectedTicket!.id)
        }
        #expect(seen == expected)
        engine.send(.key(.char("g")))
        engine.send(.key(.char("g")))
        #expect(engine.state.queue.selected == 0)
        #expect(engine.state.queue.selectedTicket?.id == expected[0])
        engine.send(.key(.char("G")))
        #expect(engine.state.queue.selectedTicket?.id == expected[999])
        for _ in 0..<3 { engine.send(.key(.ctrl("u"))) }
        let index = engine.state.queue.selected
        #expect(engine.state.queue.selectedTicket?.id == expected[index])
        engine.send(.key(.char("5")))
        engine.send(.key(.char("0")))
        engine.send(.key(.char("0")))
        engine.send(.key(.char("k")))
        #expect(engine.state.queue.selectedTicket?.id == expected[index - 500])
    }

    @Test("Reply from the composer: stored, leaves the queue, totals drop, next ticket selected")
    func reply() throws {
        let temp = try Self.store(tickets: 5)
        let engine = Self.engine(temp)
        let first = try #require(engine.state.queue.selectedTicket)
        let second = engine.state.queue.rows[1].id
        #expect(engine.state.totals.needsReply == 5)
        engine.send(.key(.char("r")))
        #expect(engine.state.focus == .composer)
        engine.send(.paste("Hallo,\nvielen Dank für Ihre Nachricht. Ihr Paket ist unterwegs."))
        engine.send(.key(.ctrl("s")))
        #expect(engine.state.composer == nil)
        #expect(engine.state.totals.needsReply == 4)
        #expect(engine.state.queue.total == 4)
        #expect(engine.state.queue.selectedTicket?.id == second)
        #expect(engine.state.flash?.text.hasPrefix("Reply sent to") == true)
        let messages = try temp.store.messages(ticketID: first.id)
        #expect(messages.last?.body == "Hallo,\nvielen Dank für Ihre Nachricht. Ihr Paket ist unterwegs.")
        #expect(messages.last?.direction == .outbound)
        #expect(try temp.store.outbox().count == 1)
    }

    @Test("A draft typed and left is in the store and comes back in a new console")
    func drafts() throws {
        let temp = try Self.store(tickets: 3)
        let engine = Self.engine(temp)
        let id = try #require(engine.state.queue.selectedTicket?.id)
        engine.send(.key(.char("r")))
        for c in "Entwurf äöü 日本" { engine.send(.key(.char(c))) }
        engine.send(.tick(Fixture.base.addingTimeInterval(5)))
        #expect(try temp.store.draft(ticketID: id) == "Entwurf äöü 日本")
        let second = Self.engine(temp)
        second.send(.key(.char("r")))
        #expect(second.state.composer?.editor.text == "Entwurf äöü 日本")
    }

    @Test("A message ingested by another process shows up after a poll")
    func otherProcess() throws {
        let temp = try Self.store(tickets: 3)
        let engine = Self.engine(temp)
        let other = try temp.reopen()
        _ = try other.ingest([Fixture.message("new", conversation: "new-conv", at: -10_000, subject: "Brand new question")])
        engine.pollStore()
        #expect(engine.state.queue.total == 4)
        #expect(engine.state.queue.rows.contains { $0.subject == "Brand new question" })
    }

    @Test("The filter narrows the queue through the store")
    func filter() throws {
        let temp = try Self.store(tickets: 50)
        let engine = Self.engine(temp)
        engine.send(.key(.char("/")))
        for c in "zoé" { engine.send(.key(.char(c))) }
        engine.send(.key(.enter))
        #expect(engine.state.queue.total == 10)
        #expect(engine.state.queue.rows.allSatisfy { $0.customerName == "Zoé Lefèvre" })
    }
}

/// Idempotency keys for the tests, one after another.
final class LockedCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
