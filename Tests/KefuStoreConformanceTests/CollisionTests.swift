import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Two agents on one ticket: the second send is refused in the store's transaction and says
/// what arrived, so nobody answers a customer twice without seeing it.
@Suite("Reply collisions")
struct CollisionTests {
    @Test("A teammate's reply since the thread was opened stops the send; nothing is stored", arguments: StoreBackend.allCases)
    func teammateReplied(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        let seen = try #require(try temp.store.messages(ticketID: id).last?.id)
        let other = try temp.reopen()
        _ = try other.send(ReplyRequest(ticketID: id, body: "Your parcel left today.", author: "Zhang Min", idempotencyKey: "zm",
                                        seenThrough: seen), now: Fixture.base.addingTimeInterval(60))
        let late = ReplyRequest(ticketID: id, body: "Sorry for the wait!", author: "Li Wei", idempotencyKey: "lw", seenThrough: seen)
        do {
            _ = try temp.store.send(late, now: Fixture.base.addingTimeInterval(90))
            Issue.record("the second reply went through")
        } catch let collision as ReplyCollision {
            #expect(collision.arrived.map(\.author) == ["Zhang Min"])
            #expect(collision.summary(timeZone: TimeZone(identifier: "UTC")!).hasPrefix("Zhang Min replied at "))
            var again = late
            again.seenThrough = collision.newestID
            _ = try temp.store.send(again, now: Fixture.base.addingTimeInterval(95))
        }
        #expect(try temp.store.messages(ticketID: id).map(\.author).suffix(2) == ["Zhang Min", "Li Wei"])
        #expect(try temp.store.outbox().map(\.idempotencyKey) == ["zm", "lw"])
    }

    @Test("The customer writing again also stops the send; a note by the same agent too", arguments: StoreBackend.allCases)
    func customerWroteAgain(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        let seen = try #require(try temp.store.messages(ticketID: id).last?.id)
        _ = try temp.store.ingest([Fixture.message("m2", conversation: "c1", at: 1, body: "Never mind, it arrived!")])
        #expect(throws: ReplyCollision.self) {
            try temp.store.send(ReplyRequest(ticketID: id, body: "It ships today", author: "Li Wei", idempotencyKey: "a", seenThrough: seen),
                                now: Fixture.base.addingTimeInterval(120))
        }
        #expect(try temp.store.outbox().isEmpty)
        // Without the check (a script's send) nothing is asked.
        _ = try temp.store.send(ReplyRequest(ticketID: id, body: "Glad to hear", author: "Li Wei", idempotencyKey: "b"),
                                now: Fixture.base.addingTimeInterval(150))
        #expect(try temp.store.outbox().count == 1)
    }

    @Test("A retry of a reply already stored is not a collision with itself", arguments: StoreBackend.allCases)
    func retry(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        let seen = try #require(try temp.store.messages(ticketID: id).last?.id)
        let request = ReplyRequest(ticketID: id, body: "On its way", author: "Li Wei", idempotencyKey: "k", seenThrough: seen)
        _ = try temp.store.send(request, now: Fixture.base.addingTimeInterval(60))
        #expect(try temp.store.send(request, now: Fixture.base.addingTimeInterval(61)).wasDuplicate)
    }
}
