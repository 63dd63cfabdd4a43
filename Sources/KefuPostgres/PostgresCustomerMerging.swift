import Foundation
import KefuCore

/// Merging two customer records and undoing it, inside the caller's transaction, with the
/// `customer_merge` row a split reads back and the audit row (SQLite's `CustomerMerging`).
enum PostgresCustomerMerging {
    /// Moves the keys, tickets and orders of `absorbed` to `kept`.
    @discardableResult
    static func merge(_ tx: PostgresTransaction, kept: Int64, absorbed: Int64, by: String, reason: String, automatic: Bool, now: Date) throws -> CustomerChange {
        let keys = try tx.query("UPDATE customer_key SET customer_id = $1 WHERE customer_id = $2 RETURNING key", [.int(kept), .int(absorbed)])
            .map { try $0.string(0) }.sorted()
        let tickets = try tx.query("UPDATE ticket SET customer_id = $1 WHERE customer_id = $2 RETURNING id", [.int(kept), .int(absorbed)]).count
        let orders = try tx.query("UPDATE orders SET customer_id = $1 WHERE customer_id = $2 RETURNING id", [.int(kept), .int(absorbed)]).count
        try tx.query("UPDATE customer SET merged_into = $1 WHERE id = $2 OR merged_into = $2", [.int(kept), .int(absorbed)])
        try PostgresNoticeOptOuts.carry(tx, from: absorbed, to: kept)
        try tx.query("""
            INSERT INTO customer_merge (kept, absorbed, merged_by, at, reason, automatic, moved_keys) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, [.int(kept), .int(absorbed), .text(by), .double(now.timeIntervalSince1970), .text(reason), .bool(automatic), .text(JSONArray.of(keys))])
        try PostgresAuditRows.record(tx, at: now, agent: by, action: .customerMerge, ticketID: nil,
                                     detail: "\(CustomerName.of(absorbed)) into \(CustomerName.of(kept))\(automatic ? " (automatic: \(reason))" : "")")
        return CustomerChange(kept: kept, other: absorbed, movedTickets: tickets, movedOrders: orders)
    }

    /// Undoes the standing merge of the pair: the keys it moved go back, and with them the
    /// tickets and orders whose own keys are among them; the pair is kept apart from now on.
    static func split(_ tx: PostgresTransaction, _ a: Int64, _ b: Int64, by: String, now: Date) throws -> CustomerChange {
        guard let row = try tx.query("""
            SELECT id, kept, absorbed, moved_keys FROM customer_merge
            WHERE undone_at IS NULL AND ((kept = $1 AND absorbed = $2) OR (kept = $2 AND absorbed = $1)) ORDER BY id DESC LIMIT 1
            """, [.int(a), .int(b)]).first else { throw CustomerError.notMerged(a, b) }
        let mergeID = try row.int(0), kept = try row.int(1), absorbed = try row.int(2)
        let moved = Set(try JSONDecoder().decode([String].self, from: Data(try row.string(3).utf8)))
        try tx.query("UPDATE customer_key SET customer_id = $1 WHERE key = ANY($2::text[]) AND customer_id = $3",
                     [.int(absorbed), .texts(moved.sorted()), .int(kept)])
        try tx.query("UPDATE customer SET merged_into = NULL WHERE id = $1", [.int(absorbed)])
        var ticketIDs: [Int64] = []
        for ticket in try tx.query("SELECT id, conversation, customer_address FROM ticket WHERE customer_id = $1", [.int(kept)]) {
            let key = CustomerKeys.ofTicket(address: try ticket.string(2), conversation: try ticket.string(1), namedOrder: nil)[0]
            if moved.contains(key.stored) { ticketIDs.append(try ticket.int(0)) }
        }
        var orderIDs: [String] = []
        for order in try tx.query("SELECT id FROM orders WHERE customer_id = $1", [.int(kept)]) {
            let id = try order.string(0)
            if let key = CustomerKey.order(id), moved.contains(key.stored) { orderIDs.append(id) }
        }
        if !ticketIDs.isEmpty { try tx.query("UPDATE ticket SET customer_id = $1 WHERE id = ANY($2)", [.int(absorbed), .ints(ticketIDs)]) }
        if !orderIDs.isEmpty { try tx.query("UPDATE orders SET customer_id = $1 WHERE id = ANY($2::text[])", [.int(absorbed), .texts(orderIDs)]) }
        try tx.query("UPDATE customer_merge SET undone_at = $1 WHERE id = $2", [.double(now.timeIntervalSince1970), .int(mergeID)])
        try tx.query("""
            INSERT INTO customer_apart (a, b, kept_apart_by, at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (a, b) DO UPDATE SET kept_apart_by = excluded.kept_apart_by, at = excluded.at
            """, [.int(min(kept, absorbed)), .int(max(kept, absorbed)), .text(by), .double(now.timeIntervalSince1970)])
        try PostgresAuditRows.record(tx, at: now, agent: by, action: .customerSplit, ticketID: nil,
                                     detail: "\(CustomerName.of(absorbed)) out of \(CustomerName.of(kept)), kept apart")
        return CustomerChange(kept: kept, other: absorbed, movedTickets: ticketIDs.count, movedOrders: orderIDs.count)
    }
}
