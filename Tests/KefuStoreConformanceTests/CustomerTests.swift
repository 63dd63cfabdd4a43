import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Customers on the store: linked as messages and orders come in, merged and split by a lead.
/// One suite, both backends.
@Suite("Customers: linking by address and order, never by name; merge and split")
struct CustomerTests {
    let lead = ActingAgent(name: "Zhang Min", standing: .lead)
    let agent = ActingAgent(name: "Li Wei", standing: .agent)

    func customer(_ store: any ConformingStore, _ address: String) throws -> Customer? {
        try store.customer(byKey: CustomerKey.email(address)!)
    }

    func ticketID(_ store: any ConformingStore, conversation: String) throws -> Int64 {
        try store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 100).first { $0.conversation == conversation }!.id
    }

    @Test("The same address on two channels is one customer; the same name on two addresses is two", arguments: StoreBackend.allCases)
    func byAddressNotName(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let store = temp.store
        _ = try store.ingest([
            Fixture.message("m1", conversation: "mail-1", at: 0, channel: .email, marketplace: .shopify, from: "Anna Müller <Anna@Example.de>"),
            Fixture.message("m2", conversation: "amz-1", at: 1, from: "Anna Müller <anna@example.de>"),
            Fixture.message("m3", conversation: "mail-2", at: 2, channel: .email, marketplace: .shopify, from: "Anna Müller <other.anna@example.de>"),
            Fixture.message("m4", conversation: "chat-1", at: 3, channel: .chat, marketplace: .shopify, from: "Anna Müller"),
        ])
        let anna = try #require(try customer(store, "anna@example.de"))
        let profile = try #require(try store.customerProfile(id: anna.id))
        #expect(Set(profile.conversations.map(\.conversation)) == ["mail-1", "amz-1"])
        #expect(profile.customer.marketplaces == [.amazon, .shopify])
        let other = try #require(try customer(store, "other.anna@example.de"))
        #expect(other.id != anna.id)
        let chat = try #require(try store.customerID(ticketID: ticketID(store, conversation: "chat-1")))
        #expect(chat != anna.id && chat != other.id)
        // An order report naming only the buyer's name joins nobody.
        try store.importOrders([(Order(id: "ORD-9", marketplace: .shopify, customerName: "Anna Müller", placedAt: Fixture.base,
                                       total: 20, currency: "EUR", items: [], parcels: []), nil)])
        #expect(try store.customerProfile(id: anna.id)!.orders.isEmpty)
        #expect(try store.customerProfile(id: other.id)!.orders.isEmpty)
    }

    @Test("Mail and an Amazon relay become one customer when a conversation names the order; the link is recorded", arguments: StoreBackend.allCases)
    func orderLinksRelayAndMail(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let store = temp.store
        // First two records: Anna by mail, and a buyer behind an Amazon relay address.
        _ = try store.ingest([
            Fixture.message("m1", conversation: "mail-anna", at: 0, channel: .email, marketplace: .shopify, from: "Anna Müller <anna@example.de>"),
            Fixture.message("r1", conversation: "amz-relay", at: 1, from: "Anna M. <x7k2p@marketplace.amazon.de>"),
        ])
        #expect(try customer(store, "anna@example.de")?.id != customer(store, "x7k2p@marketplace.amazon.de")?.id)
        // The order report gives the buyer's email; the relay conversation then names the order.
        try store.importOrders([(Order(id: "302-1111111-2222222", marketplace: .amazon, customerName: "Anna Müller", placedAt: Fixture.base,
                                       total: Decimal(string: "49.90")!, currency: "EUR", items: [],
                                       parcels: [Parcel(trackingNumber: "RB123456785GB", carrier: "Royal Mail", shippedAt: Fixture.base)]),
                                 "anna@example.de")])
        _ = try store.ingest([Fixture.message("r2", conversation: "amz-relay", at: 5, from: "Anna M. <x7k2p@marketplace.amazon.de>",
                                              order: "302-1111111-2222222")])
        let mail = try #require(try customer(store, "anna@example.de"))
        let relay = try #require(try customer(store, "x7k2p@marketplace.amazon.de"))
        #expect(mail.id == relay.id)
        let profile = try #require(try store.customerProfile(id: mail.id))
        #expect(profile.orders.map(\.id) == ["302-1111111-2222222"])
        #expect(profile.orders[0].parcels.map(\.trackingNumber) == ["RB123456785GB"])
        #expect(profile.totals.map(\.text) == ["49.90 EUR"])
        #expect(profile.merges.count == 1 && profile.merges[0].automatic)
        #expect(Set(profile.conversations.map(\.conversation)) == ["mail-anna", "amz-relay"])
        #expect(try store.auditEntries(AuditQuery()).contains { $0.action == .customerMerge && $0.agent == "kefu" })
    }

    @Test("The profile tells the country from the newest order's address and lists open follow-ups, soonest first", arguments: StoreBackend.allCases)
    func countryAndFollowUps(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let store = temp.store
        _ = try store.ingest([
            Fixture.message("m1", conversation: "c-1", at: 0, channel: .email, marketplace: .shopify, from: "Anna Müller <anna@example.de>",
                            order: "ORD-1"),
            Fixture.message("m2", conversation: "c-2", at: 1, channel: .email, marketplace: .shopify, from: "Anna Müller <anna@example.de>"),
        ])
        let anna = try #require(try customer(store, "anna@example.de"))
        #expect(try store.customerProfile(id: anna.id)?.country == nil)
        var older = Order(id: "ORD-1", marketplace: .shopify, customerName: "Anna Müller", placedAt: Fixture.base, total: 20, currency: "EUR",
                          items: [], parcels: [Parcel(trackingNumber: "RB123456785GB", carrier: "Royal Mail", shippedAt: Fixture.base)])
        older.shippingAddress = ShippingAddress(street: "Rue de Rivoli", houseNumber: "10", postcode: "75001", city: "Paris", country: "FR")
        var newer = Order(id: "ORD-2", marketplace: .shopify, customerName: "Anna Müller", placedAt: Fixture.base.addingTimeInterval(86_400),
                          total: 30, currency: "EUR", items: [], parcels: [])
        newer.shippingAddress = ShippingAddress(street: "Hauptstraße", houseNumber: "5", postcode: "10115", city: "Berlin", country: "DE")
        _ = try store.importOrders([(older, "anna@example.de"), (newer, "anna@example.de")])
        let first = try ticketID(store, conversation: "c-1"), second = try ticketID(store, conversation: "c-2")
        let now = Fixture.base.addingTimeInterval(3600)
        let later = try store.scheduleFollowUp(ticketID: second, when: .at(now.addingTimeInterval(5 * 86_400)), agent: "Li Wei", now: now)
        let sooner = try store.scheduleFollowUp(ticketID: first, when: .at(now.addingTimeInterval(86_400)), agent: "Li Wei", now: now)
        let parcel = try store.scheduleFollowUp(ticketID: first, when: .parcelDelivered, agent: "Li Wei", now: now)
        let profile = try #require(try store.customerProfile(id: anna.id))
        #expect(profile.country == "DE")
        #expect(profile.openFollowUps.map(\.id) == [sooner.id, later.id, parcel.id])
        #expect(profile.openFollowUps.last?.listText == "when the parcel is delivered")
        #expect(profile.openFollowUps.first?.listText.hasPrefix("due ") == true)
        _ = try store.markFollowUpsDone(ticketID: first, agent: "Li Wei", now: now)
        #expect(try store.customerProfile(id: anna.id)?.openFollowUps.map(\.id) == [later.id])
    }

    @Test("A lead merges two records and splits them again; the split keeps them apart from automatic linking", arguments: StoreBackend.allCases)
    func mergeAndSplit(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let store = temp.store
        _ = try store.ingest([
            Fixture.message("a1", conversation: "c-a", at: 0, from: "Bo <bo@example.com>"),
            Fixture.message("b1", conversation: "c-b", at: 1, from: "Bo Chen <bo.chen@example.com>"),
        ])
        let a = try #require(try customer(store, "bo@example.com")).id
        let b = try #require(try customer(store, "bo.chen@example.com")).id
        #expect(throws: LeadRoleRequired.self) { try store.mergeCustomers(kept: a, absorbed: b, acting: agent, now: Fixture.base) }
        #expect(throws: CustomerError.mergeWithItself(a)) { try store.mergeCustomers(kept: a, absorbed: a, acting: lead, now: Fixture.base) }
        #expect(throws: CustomerError.notFound("C999")) { try store.mergeCustomers(kept: a, absorbed: 999, acting: lead, now: Fixture.base) }
        #expect(throws: CustomerError.notMerged(a, b)) { try store.splitCustomers(a, b, acting: lead, now: Fixture.base) }

        let merged = try store.mergeCustomers(kept: a, absorbed: b, acting: lead, now: Fixture.base)
        #expect(merged.movedTickets == 1)
        #expect(try customer(store, "bo.chen@example.com")?.id == a)
        // The absorbed id still answers, with the record it went into.
        #expect(try store.customerProfile(id: b)?.customer.id == a)
        #expect(try store.customerProfile(id: a)!.conversations.count == 2)

        let split = try store.splitCustomers(a, b, acting: lead, now: Fixture.base.addingTimeInterval(60))
        #expect(split.movedTickets == 1)
        #expect(try customer(store, "bo.chen@example.com")?.id == b)
        #expect(try store.customerProfile(id: a)!.conversations.map(\.conversation) == ["c-a"])
        // A message naming both addresses' order does not join them again.
        try store.importOrders([(Order(id: "O-1", marketplace: .amazon, customerName: "Bo", placedAt: Fixture.base, total: 5,
                                       currency: "USD", items: [], parcels: []), "bo@example.com")])
        _ = try store.ingest([Fixture.message("b2", conversation: "c-b2", at: 9, from: "Bo Chen <bo.chen@example.com>", order: "O-1")])
        #expect(try customer(store, "bo.chen@example.com")?.id == b)
        #expect(try customer(store, "bo@example.com")?.id == a)
        // The new conversation belongs to its own address's customer.
        #expect(try store.customerID(ticketID: ticketID(store, conversation: "c-b2")) == b)
        let actions = try store.auditEntries(AuditQuery()).map(\.action)
        #expect(actions.filter { $0 == .customerMerge }.count == 1)
        #expect(actions.filter { $0 == .customerSplit }.count == 1)
    }

    @Test("Segments are derived from the orders and reach the open tickets (SLA policies match them)", arguments: StoreBackend.allCases)
    func segments(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let store = temp.store
        _ = try store.ingest((0..<5).map { Fixture.message("s\($0)", conversation: "s-\($0)", at: Double($0), from: "B\($0) <b\($0)@example.com>") })
        var orders: [(order: Order, buyerEmail: String?)] = []
        for customer in 0..<5 {
            for k in 0...customer {
                orders.append((Order(id: "S\(customer)-\(k)", marketplace: .amazon, customerName: "B\(customer)",
                                     placedAt: Fixture.base.addingTimeInterval(-Double(k * 10 + (customer == 0 ? 200 : 1)) * 86_400),
                                     total: Decimal(10 * (customer + 1)), currency: "EUR", items: [], parcels: []), "b\(customer)@example.com"))
            }
        }
        try store.importOrders(orders)
        let summary = try store.recomputeSegments(rules: SegmentRules(bigSpenderMonetary: 4, vip: ["b4@example.com"]), now: Fixture.base)
        #expect(summary.customers == 5)
        #expect(try customer(store, "b0@example.com")?.segment == "lapsed")
        #expect(try customer(store, "b4@example.com")?.segment == "vip")
        #expect(try customer(store, "b3@example.com")?.segment == "big spender")
        let ticket = try store.ticket(id: ticketID(store, conversation: "s-4"))
        #expect(ticket?.segment == "vip")
        #expect(try store.customers(segment: "lapsed", limit: 10).map(\.addresses) == [["b0@example.com"]])
    }
}
