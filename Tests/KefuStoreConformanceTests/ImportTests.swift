import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// What `kefu import maildir|mbox|orders` asks of a store, on every backend.
@Suite("Mailbox and order-report imports, on every backend")
struct ImportTests {
    func mail(_ id: String, conversation: String, at minutes: Double, attachments: [AttachmentLink] = []) -> ImportedMail {
        ImportedMail(record: Fixture.message(id, conversation: conversation, at: minutes), attachments: attachments, source: "maildir")
    }

    @Test("A mailbox batch stores messages, attachment links and quarantine rows once; a rerun adds nothing",
          arguments: StoreBackend.allCases)
    func mailBatch(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let photo = AttachmentLink(filename: "Foto 1.jpg", contentType: "image/jpeg", sha256: String(repeating: "ab", count: 32), size: 1234,
                                   isInline: false)
        let broken = QuarantinedInput(source: "maildir", location: "cur/17:2,S", reason: "no From header", raw: "garbage", at: Fixture.base)
        let batch = [
            mail("<a@shop.example>", conversation: "c1", at: 0, attachments: [photo]),
            mail("<b@shop.example>", conversation: "c1", at: 5),
            mail("<c@shop.example>", conversation: "c2", at: 7),
        ]
        let first = try temp.store.importMail(batch, quarantined: [broken])
        #expect(first.added == 3)
        #expect(first.newTickets == 2)
        #expect(first.attachments == 1)
        #expect(first.quarantined == 1)
        let again = try temp.store.importMail(batch, quarantined: [broken])
        #expect(again.added == 0)
        #expect(again.duplicates == 3)
        #expect(again.attachments == 0)
        #expect(again.quarantined == 0)
        #expect(try temp.store.conversation(ofMessage: "<b@shop.example>") == "c1")
        #expect(try temp.store.conversation(ofMessage: "<nope@shop.example>") == nil)
        let ticket = try #require(try temp.store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 10)
            .first { $0.conversation == "c1" })
        let first1 = try #require(try temp.store.messages(ticketID: ticket.id).first)
        #expect(try temp.store.attachments(ofMessage: first1.id) == [photo])
        #expect(try temp.store.quarantined(limit: 10).map(\.reason) == ["no From header"])
    }

    @Test("Orders link conversations by buyer email (any case), else by name on the marketplace; a second import links none",
          arguments: StoreBackend.allCases)
    func orders(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([
            Fixture.message("m1", conversation: "c1", at: 0, from: "Claire Martin <Claire@Client.example>"),
            Fixture.message("m2", conversation: "c2", at: 1, marketplace: .ebay, from: "Bo Chen <bo@example.cn>"),
            Fixture.message("m3", conversation: "c3", at: 2, from: "Other <other@example.com>"),
        ])
        let placed = Fixture.base
        let claire = Order(id: "1001", marketplace: .shopify, customerName: "Claire Martin", placedAt: placed, total: 49, currency: "EUR",
                           items: [OrderItem(sku: "PULL", title: "Pull", quantity: 1)],
                           parcels: [Parcel(trackingNumber: "1Z999AA10123456784", carrier: "UPS", shippedAt: placed)])
        let bo = Order(id: "E-7", marketplace: .ebay, customerName: "Bo Chen", placedAt: placed, total: 5, currency: "USD", items: [], parcels: [])
        let pairs: [(order: Order, buyerEmail: String?)] = [(claire, "claire@client.example"), (bo, nil)]
        #expect(try temp.store.importOrders(pairs) == 2)
        #expect(try temp.store.importOrders(pairs) == 0)
        #expect(try temp.store.buyerEmail(orderID: "1001") == "claire@client.example")
        #expect(try temp.store.buyerEmail(orderID: "E-7") == nil)
        #expect(try temp.store.order(id: "1001")?.parcels.map(\.trackingNumber) == ["1Z999AA10123456784"])
        let open = try temp.store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 10)
        #expect(Dictionary(uniqueKeysWithValues: open.map { ($0.conversation, $0.orderID ?? "") }) == ["c1": "1001", "c2": "E-7", "c3": ""])
        // The `/` filter finds a conversation by the order it was linked to.
        #expect(try temp.store.queue(QueueQuery(view: .allOpen, filter: "1001", now: Fixture.base), after: nil, limit: 10).map(\.conversation) == ["c1"])
    }

    @Test("Small facts about the store are kept in it", arguments: StoreBackend.allCases)
    func meta(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        #expect(try temp.store.meta("mail.message_id_domain") == nil)
        try temp.store.setMeta("mail.message_id_domain", "shop.example")
        try temp.store.setMeta("mail.message_id_domain", "shop2.example")
        #expect(try temp.reopen().meta("mail.message_id_domain") == "shop2.example")
    }
}
