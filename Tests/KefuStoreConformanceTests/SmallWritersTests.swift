import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Template use counts, the draft's attachment choice, parcels attached by hand and
/// `kefu sla explain`'s facts, on every backend.
@Suite("Template usage, draft attachment choice, parcels and deadline facts, on every backend")
struct SmallWritersTests {
    @Test("Template uses are counted per name, for the picker's favourites", arguments: StoreBackend.allCases)
    func templateUsage(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        #expect(try temp.store.templateUsage().isEmpty)
        try temp.store.recordTemplateUse("where-is-my-parcel", now: Fixture.base)
        try temp.store.recordTemplateUse("where-is-my-parcel", now: Fixture.base.addingTimeInterval(60))
        try temp.store.recordTemplateUse("refund-sent", now: Fixture.base)
        #expect(try temp.store.templateUsage() == ["where-is-my-parcel": 2, "refund-sent": 1])
        #expect(try temp.reopen().templateUsage() == ["where-is-my-parcel": 2, "refund-sent": 1])
    }

    @Test("The draft keeps its attachment choice with its text, and loses both when emptied or sent", arguments: StoreBackend.allCases)
    func draftChoice(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        #expect(try !temp.store.draftAttachesEvidence(ticketID: id))
        try temp.store.saveDraft(ticketID: id, body: "Anbei das Foto.", attachEvidence: true, now: Fixture.base)
        #expect(try temp.store.draft(ticketID: id) == "Anbei das Foto.")
        #expect(try temp.reopen().draftAttachesEvidence(ticketID: id))
        try temp.store.saveDraft(ticketID: id, body: "Anbei das Foto!", attachEvidence: false, now: Fixture.base)
        #expect(try !temp.store.draftAttachesEvidence(ticketID: id))
        try temp.store.saveDraft(ticketID: id, body: "x", attachEvidence: true, now: Fixture.base)
        try temp.store.saveDraft(ticketID: id, body: "", attachEvidence: true, now: Fixture.base)
        #expect(try temp.store.draft(ticketID: id) == nil)
        #expect(try !temp.store.draftAttachesEvidence(ticketID: id))
        try temp.store.saveDraft(ticketID: id, body: "Bitte sehr.", attachEvidence: true, now: Fixture.base)
        _ = try temp.store.send(ReplyRequest(ticketID: id, body: "Bitte sehr.", author: "Li Wei", idempotencyKey: "k"), now: Fixture.base)
        #expect(try temp.store.draft(ticketID: id) == nil)
        #expect(try !temp.store.draftAttachesEvidence(ticketID: id))
    }

    @Test("A parcel attached by hand joins the order; the same number again updates its carrier; unknown orders are refused",
          arguments: StoreBackend.allCases)
    func parcels(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        try temp.store.saveOrder(Order(id: "302-1", marketplace: .amazon, customerName: "Hans", placedAt: Fixture.base, total: 9,
                                       currency: "EUR", items: [], parcels: []))
        let parcel = Parcel(trackingNumber: "1Z999AA10123456784", carrier: "UPS", shippedAt: Fixture.base)
        #expect(try temp.store.attachParcel(parcel, toOrder: "302-1") == .added)
        var handOff = Parcel(trackingNumber: "1Z999AA10123456784", carrier: "UPS Germany", shippedAt: Fixture.base, replaces: "JJD0001")
        #expect(try temp.store.attachParcel(handOff, toOrder: "302-1") == .alreadyAttached)
        handOff.replaces = nil
        #expect(try temp.store.attachParcel(handOff, toOrder: "302-1") == .alreadyAttached)
        let stored = try #require(try temp.store.order(id: "302-1")).parcels
        #expect(stored.map(\.carrier) == ["UPS Germany"])
        #expect(stored.map(\.replaces) == ["JJD0001"])  // kept when not given again
        #expect(throws: ParcelRegisterError.unknownOrder("nope")) { try temp.store.attachParcel(parcel, toOrder: "nope") }
    }

    @Test("The facts the policy is told about a ticket, for kefu sla explain", arguments: StoreBackend.allCases)
    func facts(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        var record = Fixture.message("m1", conversation: "c1", at: 0, channel: .chat, marketplace: .shopify)
        record.tags = ["VIP"]
        _ = try temp.store.ingest([record])
        let id = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        let facts = try #require(try temp.store.conversationFacts(ticketID: id))
        #expect(facts.channel == .chat)
        #expect(facts.marketplace == .shopify)
        #expect(facts.tags == ["vip"])
        #expect(facts.awaitingSince == Fixture.base)
        #expect(try temp.store.conversationFacts(ticketID: 999) == nil)
    }
}
