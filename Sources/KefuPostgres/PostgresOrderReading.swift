import Foundation
import KefuCore

/// An order row as every PostgreSQL read decodes it (SQLite's `OrderReading`): the columns in
/// one place, shipping facts included.
enum PostgresOrderReading {
    static let columns = """
        id, marketplace, customer_name, placed_at, total, currency,
        ship_street, ship_house, ship_postcode, ship_city, ship_country, ship_by, shipped_at
        """

    static func order(_ row: PostgresResultRow, items: [OrderItem], parcels: [Parcel]) throws -> Order {
        var order = Order(
            id: try row.string(0), marketplace: Marketplace(rawValue: try row.string(1)) ?? .other, customerName: try row.string(2),
            placedAt: try row.date(3), total: Decimal(string: try row.string(4)) ?? 0, currency: try row.string(5),
            items: items, parcels: parcels)
        let address = ShippingAddress(
            street: try row.optionalString(6) ?? "", houseNumber: try row.optionalString(7) ?? "",
            postcode: try row.optionalString(8) ?? "", city: try row.optionalString(9) ?? "", country: try row.optionalString(10) ?? "")
        order.shippingAddress = address.isEmpty ? nil : address
        order.shipBy = try row.optionalDate(11)
        order.shippedAt = try row.optionalDate(12)
        return order
    }

    /// Every order with its items, parcels and carrier events, in four statements (the rules'
    /// pass read each order with statements of its own).
    static func allFacts(_ tx: PostgresTransaction) throws -> [OrderFacts] {
        var items: [String: [OrderItem]] = [:]
        for row in try tx.query("SELECT order_id, sku, title, quantity FROM order_item ORDER BY order_id, position") {
            items[try row.string(0), default: []].append(OrderItem(sku: try row.string(1), title: try row.string(2), quantity: Int(try row.int(3))))
        }
        var parcels: [String: [Parcel]] = [:]
        for row in try tx.query("SELECT order_id, tracking_number, carrier, shipped_at, replaces FROM parcel ORDER BY shipped_at DESC, id DESC") {
            parcels[try row.string(0), default: []].append(Parcel(trackingNumber: try row.string(1), carrier: try row.string(2),
                                                                shippedAt: try row.date(3), replaces: try row.optionalString(4)))
        }
        var events: [String: [(id: Int64, event: CarrierEvent)]] = [:]
        for row in try tx.query("SELECT id, tracking_number, at, status, text FROM carrier_event ORDER BY at, id") {
            let event = CarrierEvent(trackingNumber: try row.string(1), at: try row.date(2), code: try row.string(3), text: try row.string(4))
            events[event.trackingNumber, default: []].append((try row.int(0), event))
        }
        return try tx.query("SELECT \(columns) FROM orders ORDER BY id").map { row in
            let id = try row.string(0)
            let orderParcels = parcels[id] ?? []
            // Oldest first across the order's parcels, as one query over them would give them.
            let merged = Set(orderParcels.map(\.trackingNumber)).flatMap { events[$0] ?? [] }
                .sorted { ($0.event.at, $0.id) < ($1.event.at, $1.id) }.map(\.event)
            return OrderFacts(order: try order(row, items: items[id] ?? [], parcels: orderParcels), events: merged)
        }
    }
}
