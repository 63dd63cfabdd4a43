import Foundation

/// The demo's follow-up cases, so the rules have something to say on the first run: a few
/// stuck parcels (last carrier scan 9 days ago), a customs hold, an incomplete address on an
/// order nobody wrote about yet, and a recent scan on every other parcel (so only these fire).
public enum DemoFollowUps {
    public struct Cases: Sendable {
        /// The demo's orders with the shipping facts of the chosen ones filled in, and one order more.
        public var orders: [Order]
        public var events: [CarrierEvent]
    }

    /// How many parcels are stuck in the demo.
    public static let stuck = 3

    public static func cases(orders: [Order], now: Date) -> Cases {
        var orders = orders
        var events: [CarrierEvent] = []
        let day: TimeInterval = 86_400
        for index in orders.indices {
            guard let parcel = orders[index].parcels.first else { continue }
            switch index {
            case 0..<stuck:
                events.append(CarrierEvent(trackingNumber: parcel.trackingNumber, at: now.addingTimeInterval(-9 * day), code: "in_transit",
                                           text: "Departed from the sorting centre"))
            case stuck:
                events.append(CarrierEvent(trackingNumber: parcel.trackingNumber, at: now.addingTimeInterval(-2 * day), code: "customs_hold",
                                           text: "Held by customs: import duties unpaid"))
            default:
                events.append(CarrierEvent(trackingNumber: parcel.trackingNumber, at: now.addingTimeInterval(-0.5 * day), code: "in_transit",
                                           text: "Arrived at the delivery depot"))
            }
        }
        // An order nobody has written about: the street has no number and the postcode lacks a digit.
        var unwritten = Order(
            id: "DEMO-ADDR-1", marketplace: .shopify, customerName: "Lukas Becker", placedAt: now.addingTimeInterval(-day), total: 42.90,
            currency: "EUR", items: [OrderItem(sku: "MUG-12", title: "Ceramic mug, blue", quantity: 2)], parcels: [])
        unwritten.shippingAddress = ShippingAddress(street: "Lindenstraße", postcode: "1011", city: "Berlin", country: "DE")
        unwritten.shipBy = now.addingTimeInterval(2 * day)
        orders.append(unwritten)
        return Cases(orders: orders, events: events)
    }
}
