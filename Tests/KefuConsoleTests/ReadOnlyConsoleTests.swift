import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport
@testable import KefuConsole

/// The console told its store is read-only: keys that write are refused at once with the
/// file, and nothing reaches the store (a real SQLite store, which would take the writes).
@Suite("Console on a read-only store")
struct ReadOnlyConsoleTests {
    static func engine(_ temp: TemporaryStore) -> ConsoleEngine {
        var state = AppState(rows: 40, cols: 120, now: Fixture.base, profile: ConsoleFixtures.profile, templates: ConsoleFixtures.templates)
        state.timeZone = TimeZone(identifier: "UTC")!
        state.readOnlyStore = ReadOnlyStoreState(path: "/srv/kefu/k.sqlite", notice: "replies, notes and claims are off",
                                                 reason: "the file is not writable by this user")
        let engine = ConsoleEngine(state: state, environment: ConsoleEnvironment(
            store: temp.store, clock: .fixed(Fixture.base.addingTimeInterval(60)), makeIdempotencyKey: { "key" }))
        engine.start()
        return engine
    }

    @Test("r opens no composer and says why; h changes no hold; the store is as it was")
    func keysThatWriteAreRefused() throws {
        let temp = try TemporaryStore()
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: -60, from: "Anna Müller", subject: "Paket")])
        let engine = Self.engine(temp)
        let token = try temp.store.changeToken()
        #expect(engine.state.queue.selectedTicket != nil)

        engine.send(.key(.char("r")))
        #expect(engine.state.composer == nil)
        #expect(engine.state.flash?.kind == .error)
        #expect(engine.state.flash?.text == "Not done: the store is read-only, replies, notes and claims are off (/srv/kefu/k.sqlite: the file is not writable by this user)")

        engine.send(.key(.char("h")))
        let id = try #require(engine.state.queue.selectedTicket?.id)
        #expect(try temp.store.ticket(id: id)?.hold == nil)
        #expect(engine.state.flash?.text.hasPrefix("Not done: the store is read-only") == true)
        #expect(try temp.store.changeToken() == token, "nothing was written")
    }

    @Test("The status bar says READ-ONLY whatever else it shows")
    func statusBar() throws {
        let temp = try TemporaryStore()
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: -60, from: "Anna Müller", subject: "Paket")])
        let engine = Self.engine(temp)
        var screen = ConsoleView.render(engine.state)
        #expect(screen.text.contains("⚠ READ-ONLY store  replies, notes and claims are off"), "\(screen.text)")
        engine.send(.key(.char("r")))
        screen = ConsoleView.render(engine.state)
        #expect(screen.text.contains("⚠ READ-ONLY store  Not done: the store is read-only"), "\(screen.text)")
    }
}
