import Foundation
import GRDB
import KefuCore

/// The recipients of a notice selection: the ids by one query, then each recipient's name,
/// address, language, order and newest parcel by primary-key and index look-ups (cached
/// statements), so 10,000 recipients take a fraction of a second.
enum NoticeRecipientRows {
    static func select(_ db: Database, _ selection: NoticeSelection) throws -> [NoticeRecipient] {
        switch selection {
        case .segment(let name):
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM customer WHERE merged_into IS NULL AND segment = ? ORDER BY id",
                                         arguments: [name])
            return try ids.compactMap { try customer(db, id: $0) }
        case .filter(let text):
            var sql = "SELECT DISTINCT customer_id FROM ticket WHERE status = 'open' AND customer_id IS NOT NULL"
            var arguments: StatementArguments = []
            for word in text.trimmingCharacters(in: .whitespaces).lowercased().split(separator: " ") {
                sql += " AND instr(search_text, ?) > 0"
                arguments += [String(word)]
            }
            var seen = Set<Int64>()
            let ids = try Int64.fetchAll(db, sql: sql, arguments: arguments).compactMap { try CustomerRows.current(db, id: $0) }
                .filter { seen.insert($0).inserted }.sorted()
            return try ids.compactMap { try customer(db, id: $0) }
        case .carrier(let carrier, let from, let until):
            let ids = try String.fetchAll(db, sql: """
                SELECT DISTINCT order_id FROM parcel WHERE lower(carrier) = lower(?) AND shipped_at >= ? AND shipped_at < ? ORDER BY order_id
                """, arguments: [carrier.trimmingCharacters(in: .whitespaces), from.timeIntervalSince1970, until.timeIntervalSince1970])
            return try ids.compactMap { try order(db, id: $0) }
        case .orders(let ids):
            var seen = Set<String>()
            return try ids.filter { seen.insert($0).inserted }.compactMap { try order(db, id: $0) }
        }
    }

    /// A customer with their latest order (if any).
    static func customer(_ db: Database, id: Int64) throws -> NoticeRecipient? {
        let latest = try String.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM orders WHERE customer_id = ? ORDER BY placed_at DESC, id DESC LIMIT 1
            """), arguments: [id])
        return try recipient(db, key: .customer(id), customerID: id, orderID: latest)
    }

    /// An order with its customer; nil for an unknown order or one linked to nobody.
    static func order(_ db: Database, id: String) throws -> NoticeRecipient? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT customer_id FROM orders WHERE id = ?"), arguments: [id]),
              let linked = row[0] as Int64?, let customer = try CustomerRows.current(db, id: linked) else { return nil }
        return try recipient(db, key: .order(id), customerID: customer, orderID: id)
    }

    private static func recipient(_ db: Database, key: NoticeRecipient.Key, customerID: Int64, orderID: String?) throws -> NoticeRecipient? {
        guard let customer = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT display_name, language, opted_out_at FROM customer WHERE id = ?
            """), arguments: [customerID]) else { return nil }
        // The newest conversation gives the name the buyer uses now and the address that reaches them.
        let ticket = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT customer_name, customer_address, marketplace, language FROM ticket
            WHERE customer_id = ? AND customer_address != '' ORDER BY last_message_at DESC LIMIT 1
            """), arguments: [customerID])
        var order: Row?
        var parcel: Parcel?
        if let orderID {
            order = try Row.fetchOne(db.cachedStatement(sql: "SELECT marketplace, customer_name, buyer_email FROM orders WHERE id = ?"),
                                     arguments: [orderID])
            parcel = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT tracking_number, carrier, shipped_at, replaces FROM parcel WHERE order_id = ? ORDER BY shipped_at DESC, id DESC LIMIT 1
                """), arguments: [orderID]).map {
                Parcel(trackingNumber: $0[0], carrier: $0[1], shippedAt: Date(timeIntervalSince1970: $0[2]), replaces: $0[3])
            }
        }
        var address: String = ticket?[1] ?? ""
        if address.isEmpty, let email = order?[2] as String? { address = email }
        if address.isEmpty {
            address = try String.fetchOne(db.cachedStatement(sql: """
                SELECT substr(key, 7) FROM customer_key WHERE customer_id = ? AND key LIKE 'email:%' ORDER BY added_at DESC LIMIT 1
                """), arguments: [customerID]) ?? ""
        }
        let marketplace = Marketplace(rawValue: (order?[0] as String?) ?? (ticket?[2] as String?) ?? "") ?? .other
        let name: String = ticket?[0] ?? order?[1] ?? customer[0]
        return NoticeRecipient(
            key: key, customerID: customerID, name: name, language: customer[1] ?? ticket?[3], address: address,
            marketplace: marketplace, orderID: orderID, parcel: parcel,
            optedOutAt: (customer[2] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
