import Foundation
import Testing
import KefuCore

@Suite("Follow-up rules on orders")
struct FollowUpRulesTests {
    static let now = Date(timeIntervalSince1970: 1_796_634_000)  // 2026-12-07T09:00:00Z
    static func days(_ n: Double) -> Date { now.addingTimeInterval(-n * 86_400) }

    static func order(
        _ address: ShippingAddress? = nil, shippedDaysAgo: Double? = 10, shipBy: Date? = nil, shippedAt: Date? = nil
    ) -> Order {
        var order = Order(id: "A1", marketplace: .amazon, customerName: "Anna", placedAt: days(12), total: 20, currency: "EUR",
                          items: [], parcels: shippedDaysAgo.map { [Parcel(trackingNumber: "RB123456785GB", carrier: "Royal Mail", shippedAt: days($0))] } ?? [])
        order.shippingAddress = address
        order.shipBy = shipBy
        order.shippedAt = shippedAt
        return order
    }

    @Test("Addresses per country: house number and the postcode's pattern",
          arguments: [
            (ShippingAddress(street: "Hauptstraße 5", postcode: "10115", city: "Berlin", country: "DE"), ""),
            (ShippingAddress(street: "Hauptstraße", postcode: "10115", city: "Berlin", country: "DE"), "no house number"),
            (ShippingAddress(street: "Hauptstraße", houseNumber: "5a", postcode: "10115", country: "de"), ""),
            (ShippingAddress(street: "5 Rue de Rivoli", postcode: "7500", country: "FR"), "“7500” does not fit FR"),
            (ShippingAddress(street: "1600 Amphitheatre Pkwy", postcode: "94043-1351", country: "US"), ""),
            (ShippingAddress(street: "1 Main St", postcode: "9021", country: "US"), "“9021” does not fit US"),
            (ShippingAddress(street: "Rose Cottage, Church Lane", postcode: "SW1A 1AA", country: "GB"), ""),
            (ShippingAddress(street: "10 Downing Street", postcode: "SW1A1AAA", country: "GB"), "does not fit GB"),
            (ShippingAddress(street: "Damstraat 1", postcode: "1012 JS", country: "NL"), ""),
            (ShippingAddress(street: "Damstraat 1", postcode: "1012", country: "NL"), "“1012” does not fit NL"),
            (ShippingAddress(street: "Calle Mayor 3", postcode: "28013", country: "ES"), ""),
            (ShippingAddress(street: "Via Roma 3", postcode: "", country: "IT"), "no postcode"),
            (ShippingAddress(street: "千代田区千代田1-1", postcode: "100-0001", country: "JP"), ""),
            (ShippingAddress(street: "千代田区千代田", postcode: "1000", country: "JP"), "does not fit JP"),
            (ShippingAddress(street: "290 Bremner Blvd", postcode: "M5V 3L9", country: "CA"), ""),
            (ShippingAddress(street: "1 Macquarie St", postcode: "20000", country: "AU"), "does not fit AU"),
            // A country without a pattern: only the house number is checked.
            (ShippingAddress(street: "Ulica 7", postcode: "whatever", country: "HR"), ""),
          ])
    func addresses(_ address: ShippingAddress, _ expected: String) {
        let problems = AddressCheck.problems(address).map(\.description).joined(separator: ", ")
        if expected.isEmpty { #expect(problems.isEmpty, "\(address.oneLine): \(problems)") } else { #expect(problems.contains(expected), "\(problems)") }
    }

    @Test("Silent for N days: counted from the last carrier event, else from shipping; delivered parcels never fire")
    func silence() {
        let rules = FollowUpRules(rules: [FollowUpRule(name: "silent", reason: .trackingSilent(days: 5), template: "parcel-in-transit")])
        let event = { (daysAgo: Double, code: String) in CarrierEvent(trackingNumber: "RB123456785GB", at: Self.days(daysAgo), code: code) }
        // Shipped 10 days ago, nothing heard since.
        #expect(rules.evaluate(OrderFacts(order: Self.order(), events: []), now: Self.now).map(\.rule) == ["silent"])
        // Last event 4 days ago: not yet; the same facts 2 days later: yes.
        let recent = OrderFacts(order: Self.order(), events: [event(4, "in_transit")])
        #expect(rules.evaluate(recent, now: Self.now).isEmpty)
        let later = rules.evaluate(recent, now: Self.now.addingTimeInterval(2 * 86_400))
        #expect(later.first?.note == "no carrier event for 6 days (rule: 5)")
        // Delivered long ago: never silent.
        #expect(rules.evaluate(OrderFacts(order: Self.order(), events: [event(9, "DLV")]), now: Self.now).isEmpty)
        // Not shipped at all: nothing to be silent about.
        #expect(rules.evaluate(OrderFacts(order: Self.order(shippedDaysAgo: nil), events: []), now: Self.now).isEmpty)
    }

    @Test("Customs hold: only while the newest event says so")
    func customs() {
        let rules = FollowUpRules(rules: [FollowUpRule(name: "customs", reason: .customsHold, template: "customs-delay")])
        let held = CarrierEvent(trackingNumber: "RB123456785GB", at: Self.days(2), code: "HOLD", text: "Held by customs: duties unpaid")
        #expect(held.status == .customsHold)
        #expect(rules.evaluate(OrderFacts(order: Self.order(), events: [held]), now: Self.now).count == 1)
        let released = CarrierEvent(trackingNumber: "RB123456785GB", at: Self.days(1), code: "in_transit", text: "Departed")
        #expect(rules.evaluate(OrderFacts(order: Self.order(), events: [held, released]), now: Self.now).isEmpty)
    }

    @Test("Shipped late against the promise, with grace; unshipped past the day fires too")
    func lateShipment() {
        let rules = FollowUpRules(rules: [FollowUpRule(name: "late", reason: .shippedLate(graceDays: 1), template: "shipping-delay")])
        let promised = Self.days(10)
        #expect(rules.evaluate(OrderFacts(order: Self.order(shipBy: promised, shippedAt: Self.days(9.5)), events: []), now: Self.now).isEmpty)
        let late = rules.evaluate(OrderFacts(order: Self.order(shipBy: promised, shippedAt: Self.days(7)), events: []), now: Self.now)
        #expect(late.first?.note.hasPrefix("shipped 3 days after the promised") == true)
        let unshipped = Self.order(shippedDaysAgo: nil, shipBy: promised)
        #expect(rules.evaluate(OrderFacts(order: unshipped, events: []), now: Self.now).first?.note.hasPrefix("not shipped") == true)
    }

    @Test("Carrier words in several languages are read")
    func statusWords() {
        #expect(CarrierEventStatus.of(code: "Zugestellt", text: "") == .delivered)
        #expect(CarrierEventStatus.of(code: "", text: "Colis livré") == .delivered)
        #expect(CarrierEventStatus.of(code: "NOT DELIVERED", text: "") == .exception)
        #expect(CarrierEventStatus.of(code: "customs_hold", text: "") == .customsHold)
        #expect(CarrierEventStatus.of(code: "IT", text: "In transit") == .inTransit)
    }

    @Test("Where follow-ups stand: scheduled, due, late a day after, done (late when done after that)")
    func status() {
        let due = Self.now
        var f = FollowUp(id: 1, ticketID: 1, when: .at(due), dueAt: due, createdAt: Self.days(3), createdBy: "li")
        #expect(f.status(now: due.addingTimeInterval(-1)) == .scheduled)
        #expect(f.status(now: due) == .due)
        #expect(f.status(now: due.addingTimeInterval(86_401)) == .late)
        f.doneAt = due.addingTimeInterval(3600)
        #expect(f.status(now: due.addingTimeInterval(5 * 86_400)) == .done)
        f.doneAt = due.addingTimeInterval(2 * 86_400)
        #expect(f.status(now: due.addingTimeInterval(5 * 86_400)) == .late)
        var waiting = FollowUp(id: 2, ticketID: 1, when: .parcelDelivered, dueAt: nil, createdAt: Self.now, createdBy: "li")
        #expect(waiting.status(now: Self.now.addingTimeInterval(100 * 86_400)) == .scheduled)
        waiting.rule = "address"
        let counts = FollowUpCounts([f, waiting], now: Self.now)
        #expect(counts == FollowUpCounts(scheduled: 1, due: 0, late: 1, done: 0, byRule: ["address": 1]))
    }
}
