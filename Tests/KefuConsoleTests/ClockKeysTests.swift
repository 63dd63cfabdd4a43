import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport
@testable import KefuConsole

/// `h`, `w`, `N`, `C` and `c` through the engine over a real store with the layered SLA engine.
@Suite("Clock keys: hold, waiting on customer, no response needed, all clocks, customer-last view")
struct ClockKeysTests {
    static func engine(_ temp: TemporaryStore, at minutes: Double = 60) -> ConsoleEngine {
        var state = AppState(rows: 30, cols: 140, now: Fixture.base.addingTimeInterval(minutes * 60), profile: ConsoleFixtures.profile)
        state.timeZone = TimeZone(identifier: "UTC")!
        let engine = ConsoleEngine(state: state, environment: ConsoleEnvironment(
            store: temp.store, clock: .fixed(Fixture.base.addingTimeInterval(minutes * 60)), makeIdempotencyKey: { "k" }))
        engine.start()
        return engine
    }

    static func store() throws -> TemporaryStore {
        let temp = try TemporaryStore(policy: try TestPolicy.layered())
        _ = try temp.store.ingest([
            Fixture.message("m1", conversation: "anna", at: 0),
            Fixture.message("m2", conversation: "zoe", at: 10, from: "Zoé Lefèvre <zoe@example.fr>"),
            Fixture.message("r2", conversation: "zoe", direction: .outbound, at: 20, from: "Zoé Lefèvre <zoe@example.fr>"),
        ])
        return temp
    }

    func screenText(_ engine: ConsoleEngine) -> String {
        ConsoleView.render(engine.state).text
    }

    @Test("h puts the selected ticket on hold: the queue row says so, the team clock pauses; h again ends it")
    func hold() throws {
        let temp = try Self.store()
        let engine = Self.engine(temp)
        let anna = try #require(engine.state.queue.selectedTicket)
        #expect(anna.due == Fixture.base.addingTimeInterval(240 * 60))
        engine.send(.key(.char("h")))
        #expect(try temp.store.ticket(id: anna.id)?.hold == .onHold)
        #expect(engine.state.queue.selectedTicket?.hold == .onHold)
        // Amazon's clock does not pause: the queue now counts down to it.
        #expect(engine.state.queue.selectedTicket?.due == Fixture.base.addingTimeInterval(24 * 3600))
        #expect(engine.state.flash?.text.contains("on hold") == true)
        // The flash takes the status bar for its few seconds, then the ticket's state shows.
        let flash = try #require(engine.state.flash)
        engine.send(.tick(Fixture.base.addingTimeInterval(3600 + 10)))
        let text = screenText(engine)
        #expect(text.contains("[on hold]"))
        #expect(text.contains("ON HOLD"))
        #expect(flash.text.contains("on hold"))
        engine.send(.key(.char("h")))
        #expect(try temp.store.ticket(id: anna.id)?.hold == nil)
        #expect(!screenText(engine).contains("[on hold]"))
    }

    @Test("w marks waiting on the customer; their next message ends it")
    func waiting() throws {
        let temp = try Self.store()
        let engine = Self.engine(temp)
        let anna = try #require(engine.state.queue.selectedTicket)
        engine.send(.key(.char("w")))
        #expect(engine.state.queue.selectedTicket?.hold == .waitingOnCustomer)
        #expect(screenText(engine).contains("[waiting]"))
        _ = try temp.store.ingest([Fixture.message("m3", conversation: "anna", at: 90, body: "Hier das Foto")])
        engine.pollStore()
        #expect(engine.state.queue.rows.first { $0.id == anna.id }?.hold == nil)
    }

    @Test("N asks first; n leaves it, y settles it as excused and the ticket leaves the needs-reply queue")
    func noResponseNeeded() throws {
        let temp = try Self.store()
        let engine = Self.engine(temp)
        let anna = try #require(engine.state.queue.selectedTicket)
        engine.send(.key(.char("N")))
        #expect(screenText(engine).contains("No response needed for Anna Müller?"))
        engine.send(.key(.char("n")))
        #expect(engine.state.prompt == nil)
        #expect(try temp.store.deadlineOutcomes(ticketID: anna.id).isEmpty)
        engine.send(.key(.char("N")))
        engine.send(.key(.char("y")))
        let outcomes = try temp.store.deadlineOutcomes(ticketID: anna.id)
        #expect(outcomes.count == 2 && outcomes.allSatisfy(\.excused))
        #expect(engine.state.queue.total == 0)
        #expect(engine.state.totals.needsReply == 0)
        #expect(engine.state.flash?.text.contains("2 deadline(s) settled") == true)
    }

    @Test("C lists every running clock with its policy; C again shows the nearest")
    func allClocks() throws {
        let temp = try Self.store()
        let engine = Self.engine(temp)
        engine.send(.key(.char("C")))
        let text = screenText(engine)
        #expect(text.contains("first team 3h00m00s"))
        #expect(text.contains("first amazon 23h00m00s"))
        engine.send(.key(.char("h")))
        // The flash about the hold takes the status bar for its few seconds, then the clocks show.
        engine.send(.tick(Fixture.base.addingTimeInterval(3600 + 10)))
        #expect(screenText(engine).contains("first team paused"))
        engine.send(.key(.char("C")))
        #expect(!screenText(engine).contains("first amazon"))
    }

    @Test("c shows only conversations where the customer spoke last")
    func customerLast() throws {
        let temp = try Self.store()
        let engine = Self.engine(temp)
        engine.send(.key(.char("v")))  // all open: both
        #expect(engine.state.queue.total == 2)
        engine.send(.key(.char("c")))
        #expect(engine.state.queue.view == .customerLast)
        #expect(engine.state.queue.rows.map(\.customerName) == ["Anna Müller"])
        #expect(screenText(engine).contains("customer spoke last"))
    }

    @Test("S asks first only while a customer message awaits a reply; after N it is two keys again")
    func solvingUnanswered() throws {
        let temp = try Self.store()
        let engine = Self.engine(temp)
        engine.send(.key(.char("v")))  // all open: Anna (unanswered), then Zoé (answered)
        let zoe = try #require(engine.state.queue.rows.first { $0.customerName.hasPrefix("Zoé") })
        engine.send(.key(.char("j")))
        #expect(engine.state.queue.selectedTicket?.id == zoe.id)
        engine.send(.key(.char("S")))
        #expect(engine.state.prompt == nil)
        #expect(screenText(engine).contains("Solve #\(zoe.id)"))
        engine.send(.key(.escape))
        engine.send(.key(.char("k")))
        engine.send(.key(.char("S")))
        #expect(screenText(engine).contains("No reply yet: solving counts it as unanswered. Solve anyway? y/n"))
        engine.send(.key(.char("n")))
        #expect(engine.state.flash?.text == "Not solved")
        engine.send(.key(.char("N")))
        engine.send(.key(.char("y")))
        #expect(engine.state.queue.selectedTicket?.customerName == "Anna Müller")
        engine.send(.key(.char("S")))
        #expect(engine.state.prompt == nil)
        #expect(screenText(engine).contains("Solve #"))
    }
}
