import Foundation
import Testing
import KefuCore

@Suite("Customer keys: addresses, relays and orders link; a name never does")
struct CustomerKeyTests {
    @Test("Addresses are compared without case; relay addresses are recognised")
    func addresses() {
        #expect(CustomerKey.email(" Anna@Example.DE ")?.stored == "email:anna@example.de")
        #expect(CustomerKey.email("x7k2@marketplace.amazon.de")?.kind == .relay)
        #expect(CustomerKey.email("buyer_1@members.ebay.co.uk")?.kind == .relay)
        #expect(CustomerKey.email("anna@example.de")?.kind == .email)
        // A relay and a plain address share one key space: the same text is the same key.
        #expect(CustomerKey.email("x7k2@marketplace.amazon.de")?.stored == "email:x7k2@marketplace.amazon.de")
    }

    @Test("A name alone is no key: a chat with a name only is a customer of its own conversation")
    func notOnNameAlone() {
        #expect(CustomerKey.email("Anna Müller") == nil)
        #expect(CustomerKey.email("@example.de") == nil)
        #expect(CustomerKey.email("anna@") == nil)
        let keys = CustomerKeys.ofTicket(address: "Anna Müller", conversation: "chat-7", namedOrder: nil)
        #expect(keys == [.conversation("chat-7")])
        // Two chats by the same name are two customers: their keys differ.
        #expect(CustomerKeys.ofTicket(address: "Anna Müller", conversation: "chat-8", namedOrder: nil) != keys)
    }

    @Test("A ticket's keys: its address and the order its messages named")
    func ticketKeys() {
        let keys = CustomerKeys.ofTicket(address: "anna@example.de", conversation: "c1", namedOrder: "302-1234567-1234567")
        #expect(keys.map(\.stored) == ["email:anna@example.de", "order:302-1234567-1234567"])
    }

    @Test("An order's keys: its id, and the buyer's email or marketplace id when the report gave one")
    func orderKeys() {
        #expect(CustomerKeys.ofOrder(id: "114-1", marketplace: .amazon, buyerEmail: nil).map(\.stored) == ["order:114-1"])
        #expect(CustomerKeys.ofOrder(id: "114-1", marketplace: .ebay, buyerEmail: "A@b.de", buyerID: "Buyer_9").map(\.stored)
                == ["order:114-1", "email:a@b.de", "buyer:ebay:buyer_9"])
    }

    @Test("Stored keys read back; customer ids parse as C12 or 12")
    func roundTrip() {
        for key in [CustomerKey.email("a@b.de")!, .order("X-1")!, .conversation("c 1"), .buyer("7", marketplace: .amazon)!] {
            #expect(CustomerKey(stored: key.stored) == key)
        }
        #expect(CustomerName.id(parsing: "C12") == 12)
        #expect(CustomerName.id(parsing: "12") == 12)
        #expect(CustomerName.id(parsing: "C0") == nil)
        #expect(CustomerName.id(parsing: "anna@example.de") == nil)
    }

    @Test("Totals are kept per currency, never summed across them")
    func totals() {
        let day = Date(timeIntervalSince1970: 0)
        let orders = [("EUR", "10.5"), ("USD", "3"), ("EUR", "2.25")].enumerated().map { index, pair in
            Order(id: "o\(index)", marketplace: .amazon, customerName: "A", placedAt: day, total: Decimal(string: pair.1)!,
                  currency: pair.0, items: [], parcels: [])
        }
        #expect(MoneyTotal.totals(of: orders).map(\.text) == ["12.75 EUR", "3.00 USD"])
    }
}
