import Foundation
import KefuCore

/// Ties a ticket or an order to its customer by its keys, inside the caller's transaction: the
/// same rules as SQLite's `CustomerLinker` (the shared store suite holds both to them).
///
/// No key known: a new customer. One customer holds them: that one. Several do: the same
/// buyer was two records until now, so they become one (the oldest stays), recorded as an
/// automatic merge with the key that joined them, unless a lead split that pair before.
/// The keys are looked up in one statement and a new customer is written with its keys in one
/// more, so a new conversation costs two round trips.
enum PostgresCustomerLinker {
    @discardableResult
    static func link(_ tx: PostgresTransaction, keys: [CustomerKey], name: String, language: String?, now: Date) throws -> Int64 {
        let owners = try ownersOf(tx, keys)
        let found = keys.compactMap { key in owners[key.stored].map { (key: key, customer: $0) } }
        let missing = keys.filter { owners[$0.stored] == nil }.map(\.stored)
        let t = now.timeIntervalSince1970
        guard let primary = found.first?.customer else {
            return try tx.query("""
                WITH created AS (
                    INSERT INTO customer (display_name, language, created_at) VALUES ($1, $2, $3) RETURNING id
                ), keyed AS (
                    INSERT INTO customer_key (key, customer_id, added_at)
                    SELECT k, created.id, $3 FROM created, unnest($4::text[]) AS k ON CONFLICT DO NOTHING
                )
                SELECT id FROM created
                """, [.text(name), .of(language), .double(t), .texts(missing)])[0].int(0)
        }
        // The first key (a ticket's address, an order's id) decides; the others' customers join
        // it unless a lead kept them apart. The oldest record of the group stays.
        var group: [Int64] = [primary]
        for (_, other) in found where !group.contains(other) {
            if try isKeptApart(tx, primary, other) { continue }
            group.append(other)
        }
        let kept = group.min()!
        for other in group where other != kept {
            if try isKeptApart(tx, kept, other) { continue }
            let joining = found.first { $0.customer == other }!.key
            let reason = "\(joining.kind.rawValue) key shared with \(keys.first!.kind == .order ? "an order" : "a conversation")"
            try PostgresCustomerMerging.merge(tx, kept: kept, absorbed: other, by: "kefu", reason: reason, automatic: true, now: now)
        }
        let customer = try isKeptApart(tx, kept, primary) ? primary : kept
        if language != nil {
            try tx.query("UPDATE customer SET language = coalesce(language, $1) WHERE id = $2 AND language IS NULL", [.of(language), .int(customer)])
        }
        if !missing.isEmpty {
            try tx.query("""
                INSERT INTO customer_key (key, customer_id, added_at) SELECT k, $1, $2 FROM unnest($3::text[]) AS k ON CONFLICT DO NOTHING
                """, [.int(customer), .double(t), .texts(missing)])
        }
        return customer
    }

    static func ownersOf(_ tx: PostgresTransaction, _ keys: [CustomerKey]) throws -> [String: Int64] {
        guard !keys.isEmpty else { return [:] }
        var owners: [String: Int64] = [:]
        for row in try tx.query("SELECT key, customer_id FROM customer_key WHERE key = ANY($1::text[])", [.texts(keys.map(\.stored))]) {
            owners[try row.string(0)] = try row.int(1)
        }
        return owners
    }

    static func owner(_ tx: PostgresTransaction, key: CustomerKey) throws -> Int64? {
        try tx.query("SELECT customer_id FROM customer_key WHERE key = $1", [.text(key.stored)]).first?.int(0)
    }

    static func isKeptApart(_ tx: PostgresTransaction, _ a: Int64, _ b: Int64) throws -> Bool {
        try tx.query("SELECT EXISTS (SELECT 1 FROM customer_apart WHERE a = $1 AND b = $2)", [.int(min(a, b)), .int(max(a, b))])[0].bool(0)
    }

    /// Links an order (saved or imported) and gives it its customer; returns the customer.
    @discardableResult
    static func linkOrder(_ tx: PostgresTransaction, _ order: Order, buyerEmail: String?, now: Date) throws -> Int64 {
        let email = try buyerEmail ?? tx.query("SELECT buyer_email FROM orders WHERE id = $1", [.text(order.id)]).first?.optionalString(0)
        let keys = CustomerKeys.ofOrder(id: order.id, marketplace: order.marketplace, buyerEmail: email)
        let customer = try link(tx, keys: keys, name: order.customerName, language: nil, now: now)
        try tx.query("UPDATE orders SET customer_id = $1 WHERE id = $2 AND customer_id IS DISTINCT FROM $1", [.int(customer), .text(order.id)])
        return customer
    }

    /// Links a stored ticket by its address and the order its messages named (never by a name).
    @discardableResult
    static func linkTicket(_ tx: PostgresTransaction, id: Int64, conversation: String, name: String, address: String,
                           language: String?, namedOrder: String?, now: Date) throws -> Int64 {
        let keys = CustomerKeys.ofTicket(address: address, conversation: conversation, namedOrder: namedOrder)
        let customer = try link(tx, keys: keys, name: name, language: language, now: now)
        try tx.query("UPDATE ticket SET customer_id = $1 WHERE id = $2 AND customer_id IS DISTINCT FROM $1", [.int(customer), .int(id)])
        return customer
    }

    /// The derived segment of a customer, for a ticket about to be written.
    static func segment(_ tx: PostgresTransaction, customer: Int64) throws -> String? {
        try tx.query("SELECT segment FROM customer WHERE id = $1", [.int(customer)]).first?.optionalString(0)
    }
}
