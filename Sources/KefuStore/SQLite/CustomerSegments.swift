import Foundation
import GRDB
import KefuCore

/// Scores every customer with orders (`RFMQuintiles`), names the segments (`SegmentRules`) and
/// gives open tickets the derived segment, so SLA policies that match `segment` follow it. One
/// write transaction; one grouped read of the orders, one of the tags, writes only what changed.
extension SQLiteTicketStore {
    static let segmentsComputedKey = SegmentSummary.computedAtKey

    public func recomputeSegments(rules: SegmentRules, now: Date) throws -> SegmentSummary {
        let policy = self.policy
        return try pool.write { db in
            var fold = OrderHistoryFold()
            let rows = try Row.fetchCursor(db, sql: """
                SELECT customer_id, currency, max(placed_at), count(*), sum(CAST(total AS REAL)) FROM orders
                WHERE customer_id IS NOT NULL GROUP BY customer_id, currency
                """)
            while let row = try rows.next() {
                fold.add(customerID: row[0], currency: row[1], lastOrderAt: Date(timeIntervalSince1970: row[2]), orders: row[3], spent: row[4])
            }
            let histories = fold.summaries()
            let scores = RFMQuintiles.scores(Array(histories.values))
            let tagged = Set(try Int64.fetchAll(db, sql: """
                SELECT DISTINCT customer_id FROM ticket WHERE customer_id IS NOT NULL
                  AND (',' || tags || ',' LIKE '%,vip,%' OR lower(segment_given) = 'vip')
                """))
            var listed: Set<Int64> = []
            for entry in rules.vip {
                if let id = CustomerName.id(parsing: entry) { listed.insert(id) }
                if let key = CustomerKey.email(entry), let owner = try CustomerLinker.owner(db, key: key) { listed.insert(owner) }
            }
            var counts: [String: Int] = [:]
            var customers = 0
            let update = try db.makeStatement(sql: "UPDATE customer SET segment = ?, rfm = ? WHERE id = ?")
            let all = try Row.fetchCursor(db, sql: "SELECT id, segment, rfm FROM customer WHERE merged_into IS NULL")
            var changes: [(Int64, String?, String?)] = []
            while let row = try all.next() {
                let id: Int64 = row[0]
                customers += 1
                let score = scores[id]
                let segment = rules.segment(history: histories[id], scores: score, vip: tagged.contains(id) || listed.contains(id), now: now)
                counts[segment ?? "none", default: 0] += 1
                let rfm = score.map { "\($0.recency),\($0.frequency),\($0.monetary)" }
                if segment != row[1] || rfm != row[2] { changes.append((id, segment, rfm)) }
            }
            for (id, segment, rfm) in changes { try update.execute(arguments: [segment, rfm, id]) }
            // Tickets whose messages gave no segment take the customer's.
            let moved = try Int64?.fetchAll(db, sql: """
                UPDATE ticket SET segment = (SELECT c.segment FROM customer c WHERE c.id = ticket.customer_id)
                WHERE customer_id IS NOT NULL AND segment_given IS NULL
                  AND segment IS NOT (SELECT c.segment FROM customer c WHERE c.id = ticket.customer_id)
                RETURNING CASE WHEN status != 'solved' THEN id END
                """).compactMap { $0 }
            // Their deadlines again, for policies that match on the segment.
            for chunk in stride(from: 0, to: moved.count, by: 5_000).map({ Array(moved[$0..<min($0 + 5_000, moved.count)]) }) {
                let states = try Row.fetchAll(db, sql: "SELECT \(TicketClockState.columns) FROM ticket WHERE id IN (SELECT value FROM json_each(?))",
                                              arguments: [JSONArray.of(chunk.map(String.init))]).map(TicketClockState.decode)
                for state in states { _ = try ClockColumns(state: state, clocks: policy.clocks(for: state.facts)).write(db) }
            }
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [Self.segmentsComputedKey, RFC3339.format(now)])
            return SegmentSummary(customers: customers, counts: counts, ticketsRecomputed: moved.count)
        }
    }

    /// Of the customers with a solved conversation, by its resolution: how many placed an order
    /// after the first such solve.
    public func repeatPurchase() throws -> [RepeatPurchaseRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                WITH solved AS (
                    SELECT t.customer_id AS customer, o.resolution AS outcome, min(o.solved_at) AS at
                    FROM ticket_outcome o JOIN ticket t ON t.id = o.ticket_id
                    WHERE t.customer_id IS NOT NULL GROUP BY t.customer_id, o.resolution
                )
                SELECT outcome, count(*), sum(EXISTS (SELECT 1 FROM orders r WHERE r.customer_id = solved.customer AND r.placed_at > solved.at))
                FROM solved GROUP BY outcome ORDER BY outcome
                """).map { RepeatPurchaseRow(outcome: $0[0], customers: $0[1], repeated: $0[2]) }
        }
    }
}
