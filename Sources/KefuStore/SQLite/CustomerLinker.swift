import Foundation
import GRDB
import KefuCore

/// Ties a ticket or an order to its customer by its keys, inside the caller's write
/// transaction, with primary-key lookups only (ingest links every new conversation).
///
/// No key known: a new customer. One customer holds them: that one. Several do: the same
/// buyer was two records until now, so they become one (the oldest stays), recorded as an
/// automatic merge with the key that joined them, unless a lead split that pair before.
enum CustomerLinker {
    @discardableResult
    static func link(_ db: Database, keys: [CustomerKey], name: String, language: String?, now: Date) throws -> Int64 {
        var found: [(key: CustomerKey, customer: Int64)] = []
        var missing: [CustomerKey] = []
        for key in keys {
            if let customer = try owner(db, key: key) { found.append((key, customer)) } else { missing.append(key) }
        }
        let customer: Int64
        if let primary = found.first?.customer {
            // The first key (a ticket's address, an order's id) decides; the others' customers
            // join it unless a lead kept them apart. The oldest record of the group stays.
            var group: [Int64] = [primary]
            for (_, other) in found where !group.contains(other) {
                if try isKeptApart(db, primary, other) { continue }
                group.append(other)
            }
            let kept = group.min()!
            for other in group where other != kept {
                if try isKeptApart(db, kept, other) { continue }
                let joining = found.first { $0.customer == other }!.key
                let reason = "\(joining.kind.rawValue) key shared with \(keys.first!.kind == .order ? "an order" : "a conversation")"
                try CustomerMerging.merge(db, kept: kept, absorbed: other, by: "kefu", reason: reason, automatic: true, now: now)
            }
            customer = try isKeptApart(db, kept, primary) ? primary : kept
            if language != nil {
                try db.cachedStatement(sql: "UPDATE customer SET language = coalesce(language, ?) WHERE id = ?").execute(arguments: [language, customer])
            }
        } else {
            try db.cachedStatement(sql: "INSERT INTO customer (display_name, language, created_at) VALUES (?, ?, ?)")
                .execute(arguments: [name, language, now.timeIntervalSince1970])
            customer = db.lastInsertedRowID
        }
        for key in missing {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO customer_key (key, customer_id, added_at) VALUES (?, ?, ?)")
                .execute(arguments: [key.stored, customer, now.timeIntervalSince1970])
        }
        return customer
    }

    static func owner(_ db: Database, key: CustomerKey) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT customer_id FROM customer_key WHERE key = ?"), arguments: [key.stored])
    }

    static func isKeptApart(_ db: Database, _ a: Int64, _ b: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM customer_apart WHERE a = ? AND b = ?)"),
                          arguments: [min(a, b), max(a, b)]) ?? false
    }

    /// Links an order (saved or imported) and gives it its customer; returns the customer.
    @discardableResult
    static func linkOrder(_ db: Database, _ order: Order, buyerEmail: String?, now: Date) throws -> Int64 {
        let email = try buyerEmail ?? String.fetchOne(db.cachedStatement(sql: "SELECT buyer_email FROM orders WHERE id = ?"), arguments: [order.id])
        let keys = CustomerKeys.ofOrder(id: order.id, marketplace: order.marketplace, buyerEmail: email)
        let customer = try link(db, keys: keys, name: order.customerName, language: nil, now: now)
        try db.cachedStatement(sql: "UPDATE orders SET customer_id = ? WHERE id = ?").execute(arguments: [customer, order.id])
        return customer
    }

    /// Links a stored ticket by its address and the order its messages named (never by a
    /// name); gives it the customer and the customer's derived segment unless its messages
    /// gave one. Returns the customer and the segment the ticket now has.
    @discardableResult
    static func linkTicket(_ db: Database, id: Int64, conversation: String, name: String, address: String,
                           language: String?, namedOrder: String?, now: Date) throws -> Int64 {
        let keys = CustomerKeys.ofTicket(address: address, conversation: conversation, namedOrder: namedOrder)
        let customer = try link(db, keys: keys, name: name, language: language, now: now)
        try db.cachedStatement(sql: "UPDATE ticket SET customer_id = ? WHERE id = ? AND customer_id IS NOT ?")
            .execute(arguments: [customer, id, customer])
        return customer
    }

    /// The derived segment of a customer, for a ticket about to be written.
    static func segment(_ db: Database, customer: Int64) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT segment FROM customer WHERE id = ?"), arguments: [customer])
    }
}
