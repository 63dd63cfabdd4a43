import Foundation
import GRDB
import KefuCore

/// Order reports: orders (items replaced, parcels merged by tracking number) with the buyer's
/// email, and the link from conversations to them, in one transaction.
extension SQLiteTicketStore: OrderImporting {
    /// Saves the orders and links tickets that have no order yet: by the buyer's email (the
    /// ticket's customer address), else, when the report gives no email, by the buyer's name on
    /// a ticket of the same marketplace. Returns how many tickets it linked.
    @discardableResult
    public func importOrders(_ orders: [(order: Order, buyerEmail: String?)]) throws -> Int {
        let now = Date()
        return try pool.write { db in
            var linked = 0
            for (order, email) in orders {
                try Self.saveOrder(db, order)
                try db.execute(sql: "UPDATE orders SET buyer_email = coalesce(?, buyer_email) WHERE id = ?", arguments: [email, order.id])
                // The order's customer, by its id and the buyer's email (never the buyer's name).
                try CustomerLinker.linkOrder(db, order, buyerEmail: email, now: now)
                var tickets: [Int64] = []
                if let email, !email.isEmpty {
                    tickets = try Int64.fetchAll(db, sql: """
                        UPDATE ticket SET order_id = ?, version = version + 1
                        WHERE order_id IS NULL AND customer_address = ? COLLATE NOCASE RETURNING id
                        """, arguments: [order.id, email])
                } else if !order.customerName.isEmpty {
                    tickets = try Int64.fetchAll(db, sql: """
                        UPDATE ticket SET order_id = ?, version = version + 1
                        WHERE order_id IS NULL AND customer_name = ? AND marketplace = ? RETURNING id
                        """, arguments: [order.id, order.customerName, order.marketplace.rawValue])
                }
                // The `/` filter finds a conversation by its order id too.
                for id in tickets { try TicketRow.refreshSearchText(db, id: id) }
                // A ticket found by the buyer's email joins the order's customer (it shares that
                // address anyway); one found by the buyer's name alone keeps its own customer.
                if let email, !email.isEmpty {
                    for id in tickets {
                        guard let row = try Row.fetchOne(db, sql: "SELECT conversation, customer_name, customer_address, language FROM ticket WHERE id = ?", arguments: [id]) else { continue }
                        try CustomerLinker.linkTicket(db, id: id, conversation: row[0], name: row[1], address: row[2], language: row[3],
                                                      namedOrder: order.id, now: now)
                    }
                }
                linked += tickets.count
            }
            return linked
        }
    }

    /// The buyer email an order report gave for an order.
    public func buyerEmail(orderID: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT buyer_email FROM orders WHERE id = ?", arguments: [orderID]) }
    }
}
