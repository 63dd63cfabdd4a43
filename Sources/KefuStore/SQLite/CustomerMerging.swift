import Foundation
import GRDB
import KefuCore

/// Merging two customer records and undoing it, inside one write transaction each, with the
/// `customer_merge` row a split reads back and the audit row.
enum CustomerMerging {
    /// Moves the keys, tickets and orders of `absorbed` to `kept`.
    @discardableResult
    static func merge(_ db: Database, kept: Int64, absorbed: Int64, by: String, reason: String, automatic: Bool, now: Date) throws -> CustomerChange {
        let keys = try String.fetchAll(db.cachedStatement(sql: "SELECT key FROM customer_key WHERE customer_id = ? ORDER BY key"), arguments: [absorbed])
        try db.cachedStatement(sql: "UPDATE customer_key SET customer_id = ? WHERE customer_id = ?").execute(arguments: [kept, absorbed])
        try db.cachedStatement(sql: "UPDATE ticket SET customer_id = ? WHERE customer_id = ?").execute(arguments: [kept, absorbed])
        let tickets = db.changesCount
        try db.cachedStatement(sql: "UPDATE orders SET customer_id = ? WHERE customer_id = ?").execute(arguments: [kept, absorbed])
        let orders = db.changesCount
        try db.cachedStatement(sql: "UPDATE customer SET merged_into = ? WHERE id = ? OR merged_into = ?").execute(arguments: [kept, absorbed, absorbed])
        try NoticeOptOuts.carry(db, from: absorbed, to: kept)
        try db.cachedStatement(sql: """
            INSERT INTO customer_merge (kept, absorbed, merged_by, at, reason, automatic, moved_keys) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [kept, absorbed, by, now.timeIntervalSince1970, reason, automatic, JSONArray.of(keys)])
        try AuditRows.record(db, at: now, agent: by, action: .customerMerge, ticketID: nil,
                             detail: "\(CustomerName.of(absorbed)) into \(CustomerName.of(kept))\(automatic ? " (automatic: \(reason))" : "")")
        return CustomerChange(kept: kept, other: absorbed, movedTickets: tickets, movedOrders: orders)
    }

    /// Undoes the standing merge of the pair: the keys it moved go back, and with them the
    /// tickets and orders whose own keys are among them; the pair is kept apart from now on.
    static func split(_ db: Database, _ a: Int64, _ b: Int64, by: String, now: Date) throws -> CustomerChange {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, kept, absorbed, moved_keys FROM customer_merge
            WHERE undone_at IS NULL AND ((kept = ? AND absorbed = ?) OR (kept = ? AND absorbed = ?)) ORDER BY id DESC LIMIT 1
            """, arguments: [a, b, b, a]) else { throw CustomerError.notMerged(a, b) }
        let mergeID: Int64 = row[0], kept: Int64 = row[1], absorbed: Int64 = row[2]
        let moved = Set(try JSONDecoder().decode([String].self, from: Data((row[3] as String).utf8)))
        for key in moved {
            try db.execute(sql: "UPDATE customer_key SET customer_id = ? WHERE key = ? AND customer_id = ?", arguments: [absorbed, key, kept])
        }
        try db.execute(sql: "UPDATE customer SET merged_into = NULL WHERE id = ?", arguments: [absorbed])
        var tickets = 0
        for ticket in try Row.fetchAll(db, sql: "SELECT id, conversation, customer_address FROM ticket WHERE customer_id = ?", arguments: [kept]) {
            let key = CustomerKeys.ofTicket(address: ticket[2], conversation: ticket[1], namedOrder: nil)[0]
            guard moved.contains(key.stored) else { continue }
            try db.execute(sql: "UPDATE ticket SET customer_id = ? WHERE id = ?", arguments: [absorbed, ticket[0] as Int64])
            tickets += 1
        }
        var orders = 0
        for order in try String.fetchAll(db, sql: "SELECT id FROM orders WHERE customer_id = ?", arguments: [kept]) {
            guard let key = CustomerKey.order(order), moved.contains(key.stored) else { continue }
            try db.execute(sql: "UPDATE orders SET customer_id = ? WHERE id = ?", arguments: [absorbed, order])
            orders += 1
        }
        try db.execute(sql: "UPDATE customer_merge SET undone_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, mergeID])
        try db.execute(sql: "INSERT OR REPLACE INTO customer_apart (a, b, kept_apart_by, at) VALUES (?, ?, ?, ?)",
                       arguments: [min(kept, absorbed), max(kept, absorbed), by, now.timeIntervalSince1970])
        try AuditRows.record(db, at: now, agent: by, action: .customerSplit, ticketID: nil,
                             detail: "\(CustomerName.of(absorbed)) out of \(CustomerName.of(kept)), kept apart")
        return CustomerChange(kept: kept, other: absorbed, movedTickets: tickets, movedOrders: orders)
    }
}
