import Foundation
import GRDB
import KefuCore

/// Orders with their items and parcels.
extension SQLiteTicketStore {
    public func saveOrder(_ order: Order) throws {
        try pool.write { db in
            try Self.saveOrder(db, order)
            try CustomerLinker.linkOrder(db, order, buyerEmail: nil, now: Date())
        }
    }

    /// Saves many orders in one transaction (imports, the demo).
    public func saveOrders(_ orders: [Order]) throws {
        try pool.write { db in
            for order in orders {
                try Self.saveOrder(db, order)
                try CustomerLinker.linkOrder(db, order, buyerEmail: nil, now: Date())
            }
        }
    }

    static func saveOrder(_ db: Database, _ order: Order) throws {
        try db.execute(sql: """
            INSERT INTO orders (id, marketplace, customer_name, placed_at, total, currency) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET marketplace = excluded.marketplace, customer_name = excluded.customer_name,
                placed_at = excluded.placed_at, total = excluded.total, currency = excluded.currency
            """, arguments: [order.id, order.marketplace.rawValue, order.customerName, order.placedAt.timeIntervalSince1970,
                             "\(order.total)", order.currency])
        try ParcelWatch.saveShipping(db, order)
        try db.execute(sql: "DELETE FROM order_item WHERE order_id = ?", arguments: [order.id])
        for (position, item) in order.items.enumerated() {
            try db.execute(sql: "INSERT INTO order_item (order_id, position, sku, title, quantity) VALUES (?, ?, ?, ?, ?)",
                           arguments: [order.id, position, item.sku, item.title, item.quantity])
        }
        for parcel in order.parcels {
            try db.execute(sql: """
                INSERT INTO parcel (order_id, tracking_number, carrier, shipped_at, replaces) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(order_id, tracking_number) DO UPDATE SET carrier = excluded.carrier,
                    shipped_at = excluded.shipped_at, replaces = excluded.replaces
                """, arguments: [order.id, parcel.trackingNumber, parcel.carrier, parcel.shippedAt.timeIntervalSince1970, parcel.replaces])
        }
    }

    public func order(id: String) throws -> Order? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(OrderReading.columns) FROM orders WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let items = try Row.fetchAll(db, sql: "SELECT sku, title, quantity FROM order_item WHERE order_id = ? ORDER BY position", arguments: [id])
                .map { OrderItem(sku: $0[0], title: $0[1], quantity: $0[2]) }
            let parcels = try Row.fetchAll(db, sql: """
                SELECT tracking_number, carrier, shipped_at, replaces FROM parcel WHERE order_id = ? ORDER BY shipped_at DESC, id DESC
                """, arguments: [id]).map { Parcel(trackingNumber: $0[0], carrier: $0[1], shippedAt: Date(timeIntervalSince1970: $0[2]), replaces: $0[3]) }
            return OrderReading.order(row, items: items, parcels: parcels)
        }
    }
}
