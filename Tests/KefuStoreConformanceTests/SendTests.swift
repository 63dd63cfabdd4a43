import Foundation
import Testing
import KefuCore
import KefuTestSupport

@Suite("Sending a reply")
struct SendTests {
    @Test("Reply, ticket update, settled deadline and outbox row land together", arguments: StoreBackend.allCases)
    func send(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let ticket = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first)
        try temp.store.saveDraft(ticketID: ticket.id, body: "draft text", now: Fixture.base)
        let sentAt = Fixture.base.addingTimeInterval(25 * 3600)  // one hour late for Amazon's 24 h
        let sent = try temp.store.send(
            ReplyRequest(ticketID: ticket.id, body: "Guten Tag, Ihr Paket ist unterwegs.", author: "Li Wei", idempotencyKey: "k1"),
            now: sentAt)
        #expect(!sent.wasDuplicate)
        #expect(sent.ticket.lastFrom == .agent)
        #expect(sent.ticket.due == nil)
        #expect(sent.ticket.version == ticket.version + 1)
        #expect(sent.message.recipient == "anna@example.de")
        #expect(sent.message.subject == "Re: Wo ist mein Paket?")
        #expect(sent.settled.count == 1)
        #expect(sent.settled.first?.met == false)
        #expect(abs((sent.settled.first?.elapsedCalendarSeconds ?? 0) - 25 * 3600) < 0.001)
        #expect(try temp.store.outbox().map(\.idempotencyKey) == ["k1"])
        #expect(try temp.store.draft(ticketID: ticket.id) == nil)
        #expect(try temp.store.queue(QueueQuery(now: sentAt), after: nil, limit: 10).isEmpty)
    }

    @Test("The same idempotency key sends once", arguments: StoreBackend.allCases)
    func idempotent(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        let request = ReplyRequest(ticketID: id, body: "Hello", author: "A", idempotencyKey: "same")
        _ = try temp.store.send(request, now: Fixture.base.addingTimeInterval(60))
        let again = try temp.store.send(request, now: Fixture.base.addingTimeInterval(120))
        #expect(again.wasDuplicate)
        #expect(try temp.store.messages(ticketID: id).count == 2)
        #expect(try temp.store.outbox().count == 1)
    }

    @Test("An empty reply and an unknown ticket are refused, nothing stored", arguments: StoreBackend.allCases)
    func refused(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        #expect(throws: StoreError.emptyReply) {
            try temp.store.send(ReplyRequest(ticketID: 1, body: "  \n ", author: "A", idempotencyKey: "e"), now: Fixture.base)
        }
        #expect(throws: StoreError.ticketNotFound(99)) {
            try temp.store.send(ReplyRequest(ticketID: 99, body: "Hi", author: "A", idempotencyKey: "u"), now: Fixture.base)
        }
        #expect(try temp.store.outbox().isEmpty)
    }

    @Test("A customer follow-up after the reply starts the next-reply clock", arguments: StoreBackend.allCases)
    func nextReply(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        _ = try temp.store.send(ReplyRequest(ticketID: 1, body: "Hi", author: "A", idempotencyKey: "a"), now: Fixture.base.addingTimeInterval(600))
        _ = try temp.store.ingest([Fixture.message("m2", conversation: "c1", at: 20)])
        let clocks = try temp.store.clocks(ticketID: 1)
        #expect(clocks.map(\.kind) == [.nextReply])
        #expect(clocks.first?.due == Fixture.base.addingTimeInterval(20 * 60 + 24 * 3600))
    }

    @Test("A reply sent by one process is seen by another, and its change token moves", arguments: StoreBackend.allCases)
    func twoProcesses(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let other = try temp.reopen()
        let before = try other.changeToken()
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        #expect(try other.changeToken() != before)
        #expect(try other.queueCount(QueueQuery(now: Fixture.base)) == 1)
    }

    @Test("Drafts are saved, replaced and removed", arguments: StoreBackend.allCases)
    func drafts(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        try temp.store.saveDraft(ticketID: 1, body: "first", now: Fixture.base)
        try temp.store.saveDraft(ticketID: 1, body: "second 日本", now: Fixture.base)
        #expect(try temp.reopen().draft(ticketID: 1) == "second 日本")
        try temp.store.saveDraft(ticketID: 1, body: "", now: Fixture.base)
        #expect(try temp.store.draft(ticketID: 1) == nil)
    }

    @Test("Orders keep items in order and parcels newest first", arguments: StoreBackend.allCases)
    func orders(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let order = Order(
            id: "114-1", marketplace: .amazon, customerName: "Anna", placedAt: Fixture.base, total: Decimal(string: "45.99")!,
            currency: "EUR", items: [OrderItem(sku: "A", title: "Lamp", quantity: 1), OrderItem(sku: "B", title: "Pot", quantity: 2)],
            parcels: [
                Parcel(trackingNumber: "LB123456785CN", carrier: "China Post", shippedAt: Fixture.base),
                Parcel(trackingNumber: "RB123456785GB", carrier: "Royal Mail", shippedAt: Fixture.base.addingTimeInterval(86_400), replaces: "LB123456785CN"),
            ])
        try temp.store.saveOrder(order)
        let loaded = try #require(try temp.store.order(id: "114-1"))
        #expect(loaded.items.map(\.sku) == ["A", "B"])
        #expect(loaded.parcels.map(\.trackingNumber) == ["RB123456785GB", "LB123456785CN"])
        #expect(loaded.total == Decimal(string: "45.99"))
    }
}
