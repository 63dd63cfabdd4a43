import Foundation
import GRDB
import KefuCore

/// An order row as every SQLite read decodes it (one order, a customer's profile, the follow-up
/// rules' pass over all orders): the columns in one place, shipping facts included.
enum OrderReading {
    static let columns = """
        id, marketplace, customer_name, placed_at, total, currency,
        ship_street, ship_house, ship_postcode, ship_city, ship_country, ship_by, shipped_at
        """

    static func order(_ row: Row, items: [OrderItem], parcels: [Parcel]) -> Order {
        var order = Order(
            id: row[0], marketplace: Marketplace(rawValue: row[1]) ?? .other, customerName: row[2],
            placedAt: Date(timeIntervalSince1970: row[3]), total: Decimal(string: row[4]) ?? 0, currency: row[5],
            items: items, parcels: parcels)
        let address = ShippingAddress(street: row[6] ?? "", houseNumber: row[7] ?? "", postcode: row[8] ?? "", city: row[9] ?? "",
                                      country: row[10] ?? "")
        order.shippingAddress = address.isEmpty ? nil : address
        order.shipBy = (row[11] as Double?).map(Date.init(timeIntervalSince1970:))
        order.shippedAt = (row[12] as Double?).map(Date.init(timeIntervalSince1970:))
        return order
    }

    /// Every order with its items, parcels and carrier events, in four statements (the rules'
    /// pass read each order with four statements of its own: 400,000 for 100,000 orders).
    static func allFacts(_ db: Database) throws -> [OrderFacts] {
        var items: [String: [OrderItem]] = [:]
        let itemRows = try Row.fetchCursor(db, sql: "SELECT order_id, sku, title, quantity FROM order_item ORDER BY order_id, position")
        while let row = try itemRows.next() {
            items[row[0], default: []].append(OrderItem(sku: row[1], title: row[2], quantity: row[3]))
        }
        var parcels: [String: [Parcel]] = [:]
        let parcelRows = try Row.fetchCursor(db, sql: """
            SELECT order_id, tracking_number, carrier, shipped_at, replaces FROM parcel ORDER BY shipped_at DESC, id DESC
            """)
        while let row = try parcelRows.next() {
            parcels[row[0], default: []].append(Parcel(trackingNumber: row[1], carrier: row[2],
                                                       shippedAt: Date(timeIntervalSince1970: row[3]), replaces: row[4]))
        }
        var events: [String: [(id: Int64, event: CarrierEvent)]] = [:]
        let eventRows = try Row.fetchCursor(db, sql: "SELECT id, tracking_number, at, status, text FROM carrier_event ORDER BY at, id")
        while let row = try eventRows.next() {
            let event = CarrierEvent(trackingNumber: row[1], at: Date(timeIntervalSince1970: row[2]), code: row[3], text: row[4])
            events[event.trackingNumber, default: []].append((row[0], event))
        }
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM orders ORDER BY id").map { row in
            let id: String = row[0]
            let orderParcels = parcels[id] ?? []
            // Oldest first across the order's parcels, as one query over them would give them.
            let merged = Set(orderParcels.map(\.trackingNumber)).flatMap { events[$0] ?? [] }
                .sorted { ($0.event.at, $0.id) < ($1.event.at, $1.id) }.map(\.event)
            return OrderFacts(order: order(row, items: items[id] ?? [], parcels: orderParcels), events: merged)
        }
    }
}
