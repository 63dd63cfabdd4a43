import Foundation
import KefuCore

/// Drafts, quarantine, meta and orders.
extension PostgresTicketStore {
    public func draft(ticketID: Int64) throws -> String? {
        try session.query("SELECT body FROM draft WHERE ticket_id = $1", [.int(ticketID)]).first?.string(0)
    }

    public func saveDraft(ticketID: Int64, body: String, now: Date) throws {
        if body.isEmpty {
            try session.query("DELETE FROM draft WHERE ticket_id = $1", [.int(ticketID)])
        } else {
            try session.query("""
                INSERT INTO draft (ticket_id, body, updated_at) VALUES ($1, $2, $3)
                ON CONFLICT (ticket_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
                """, [.int(ticketID), .text(body), .double(now.timeIntervalSince1970)])
        }
    }

    public func quarantine(_ input: QuarantinedInput) throws {
        try session.query("""
            INSERT INTO quarantine (source, location, reason, raw, at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT DO NOTHING
            """, [.text(input.source), .text(input.location), .text(input.reason), .text(input.raw), .double(input.at.timeIntervalSince1970)])
    }

    public func quarantined(limit: Int) throws -> [QuarantinedInput] {
        try session.query("SELECT source, location, reason, raw, at FROM quarantine ORDER BY id LIMIT $1", [.int(Int64(limit))]).map {
            QuarantinedInput(source: try $0.string(0), location: try $0.string(1), reason: try $0.string(2), raw: try $0.string(3),
                             at: try $0.date(4))
        }
    }

    public func meta(_ key: String) throws -> String? {
        try session.query("SELECT value FROM meta WHERE key = $1", [.text(key)]).first?.string(0)
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try session.query("""
            INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, [.text(key), .text(value)])
    }

    public func saveOrder(_ order: Order) throws {
        try session.transaction { tx in
            try Self.saveOrder(tx, order)
            try PostgresCustomerLinker.linkOrder(tx, order, buyerEmail: nil, now: Date())
        }
    }

    /// Saves many orders in one transaction (imports, the demo).
    public func saveOrders(_ orders: [Order]) throws {
        try session.transaction { tx in
            for order in orders {
                try Self.saveOrder(tx, order)
                try PostgresCustomerLinker.linkOrder(tx, order, buyerEmail: nil, now: Date())
            }
        }
    }

    static func saveOrder(_ tx: PostgresTransaction, _ order: Order) throws {
        try tx.query("""
            INSERT INTO orders (id, marketplace, customer_name, placed_at, total, currency) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO UPDATE SET marketplace = excluded.marketplace, customer_name = excluded.customer_name,
                placed_at = excluded.placed_at, total = excluded.total, currency = excluded.currency
            """, [.text(order.id), .text(order.marketplace.rawValue), .text(order.customerName),
                  .double(order.placedAt.timeIntervalSince1970), .text("\(order.total)"), .text(order.currency)])
        try tx.query("DELETE FROM order_item WHERE order_id = $1", [.text(order.id)])
        for (position, item) in order.items.enumerated() {
            try tx.query("INSERT INTO order_item (order_id, position, sku, title, quantity) VALUES ($1, $2, $3, $4, $5)",
                         [.text(order.id), .int(Int64(position)), .text(item.sku), .text(item.title), .int(Int64(item.quantity))])
        }
        for parcel in order.parcels {
            try tx.query("""
                INSERT INTO parcel (order_id, tracking_number, carrier, shipped_at, replaces) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (order_id, tracking_number) DO UPDATE SET carrier = excluded.carrier,
                    shipped_at = excluded.shipped_at, replaces = excluded.replaces
                """, [.text(order.id), .text(parcel.trackingNumber), .text(parcel.carrier),
                      .double(parcel.shippedAt.timeIntervalSince1970), .of(parcel.replaces)])
        }
        try PostgresParcelWatch.saveShipping(tx, order)
    }

    public func order(id: String) throws -> Order? {
        try session.transaction(readOnlySnapshot: true) { tx in
            guard let row = try tx.query("SELECT \(PostgresOrderReading.columns) FROM orders WHERE id = $1", [.text(id)]).first else {
                return nil
            }
            let items = try tx.query("SELECT sku, title, quantity FROM order_item WHERE order_id = $1 ORDER BY position", [.text(id)])
                .map { OrderItem(sku: try $0.string(0), title: try $0.string(1), quantity: Int(try $0.int(2))) }
            let parcels = try tx.query("""
                SELECT tracking_number, carrier, shipped_at, replaces FROM parcel WHERE order_id = $1 ORDER BY shipped_at DESC, id DESC
                """, [.text(id)]).map {
                Parcel(trackingNumber: try $0.string(0), carrier: try $0.string(1), shippedAt: try $0.date(2), replaces: try $0.optionalString(3))
            }
            return try PostgresOrderReading.order(row, items: items, parcels: parcels)
        }
    }
}
