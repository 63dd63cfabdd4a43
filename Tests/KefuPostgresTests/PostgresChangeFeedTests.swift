import Foundation
import Testing
import KefuCore
import KefuPostgres
import KefuTestSupport

/// LISTEN/NOTIFY: what one process commits is told to every other store on the database, by
/// kind (the queue's data or only the presence board), never back to the writer; a feed whose
/// connection is cut says so and comes back by itself.
@Suite("PostgreSQL change feed")
struct PostgresChangeFeedTests {
    static func open(_ address: PostgresAddress) throws -> PostgresTicketStore {
        try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:])
    }

    /// Waits up to `seconds` for `condition`, looking every 10 ms; returns how long it took.
    static func within(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if try condition() { return Date().timeIntervalSince(start) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return nil
    }

    /// A feed that is listening (its first reading starts it; being connected counts once).
    static func listening(_ store: PostgresTicketStore) throws -> StoreChanges {
        let first = store.changeFeed()
        let started = within(5) { store.changeFeed().data != first.data }
        try #require(started != nil, "the feed never started listening")
        return store.changeFeed()
    }

    @Test("Another process's message reaches the feed within a second; the writer's own feed stays still")
    func othersWrite() throws {
        let address = try TestPostgresServer.shared().newDatabase()
        let console = try Self.open(address), other = try Self.open(address)
        let before = try Self.listening(console)
        let writersBefore = try Self.listening(other)
        _ = try other.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let took = Self.within(1) { console.changeFeed().data != before.data }
        #expect(took != nil, "the new message was not told within 1 s")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(other.changeFeed().data == writersBefore.data, "a store was told of its own write")
        #expect(console.changeFeed().presence == before.presence, "a message moved the presence board")
    }

    @Test("Presence moves only the board; a draft tells nobody")
    func presenceAndDrafts() throws {
        let address = try TestPostgresServer.shared().newDatabase()
        let seed = try Self.open(address)
        _ = try seed.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let ticket = try #require(try seed.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first)
        let console = try Self.open(address), other = try Self.open(address)
        let before = try Self.listening(console)
        try other.announcePresence(agent: "zm", ticketID: ticket.id, activity: .typing, ttl: 90, now: Fixture.base)
        #expect(Self.within(1) { console.changeFeed().presence != before.presence } != nil, "presence was not told within 1 s")
        #expect(console.changeFeed().data == before.data, "presence made the console read its queue again")
        let afterPresence = console.changeFeed()
        try other.saveDraft(ticketID: ticket.id, body: "Hallo", now: Fixture.base)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(console.changeFeed() == afterPresence, "another agent's draft moved the feed")
    }

    @Test("A feed whose connection is cut says it is lost, then connects again by itself and counts what it missed")
    func reconnects() throws {
        let address = try TestPostgresServer.shared().newDatabase()
        let console = try Self.open(address), other = try Self.open(address)
        let before = try Self.listening(console)
        try PostgresAdministration.run("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name LIKE '%(change feed)'
            """, on: address)
        var sawLost = false
        let lost = Self.within(2) {
            if case .lost(_, let server) = console.changeFeed().connection {
                sawLost = server == "\(address.host):\(address.port)"
                return true
            }
            return false
        }
        #expect(lost != nil && sawLost, "the cut was not said, with the server's name")
        _ = try other.ingest([Fixture.message("m2", conversation: "c2", at: 0)])
        let back = Self.within(5) { console.changeFeed().connection == .connected }
        #expect(back != nil, "the feed did not come back within 5 s")
        #expect(console.changeFeed().data != before.data, "what was committed while away was not counted")
        // And it listens again.
        let again = console.changeFeed()
        _ = try other.ingest([Fixture.message("m3", conversation: "c3", at: 0)])
        #expect(Self.within(1) { console.changeFeed().data != again.data } != nil)
    }
}
