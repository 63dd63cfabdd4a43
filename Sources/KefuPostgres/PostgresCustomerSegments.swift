import Foundation
import KefuCore

/// Scores every customer with orders (`RFMQuintiles`), names the segments (`SegmentRules`) and
/// gives open tickets the derived segment, as SQLite's `recomputeSegments` does: one
/// transaction, one grouped read of the orders, writes only what changed, in one statement.
extension PostgresTicketStore {
    public func recomputeSegments(rules: SegmentRules, now: Date) throws -> SegmentSummary {
        let policy = self.policy
        return try session.transaction { tx in
            var fold = OrderHistoryFold()
            for row in try tx.query("""
                SELECT customer_id, currency, max(placed_at), count(*), sum(total::double precision) FROM orders
                WHERE customer_id IS NOT NULL GROUP BY customer_id, currency
                """) {
                fold.add(customerID: try row.int(0), currency: try row.string(1), lastOrderAt: try row.date(2),
                         orders: Int(try row.int(3)), spent: try row.double(4))
            }
            let histories = fold.summaries()
            let scores = RFMQuintiles.scores(Array(histories.values))
            let tagged = Set(try tx.query("""
                SELECT DISTINCT customer_id FROM ticket WHERE customer_id IS NOT NULL
                  AND (',' || tags || ',' LIKE '%,vip,%' OR lower(segment_given) = 'vip')
                """).map { try $0.int(0) })
            var listed: Set<Int64> = []
            for entry in rules.vip {
                if let id = CustomerName.id(parsing: entry) { listed.insert(id) }
                if let key = CustomerKey.email(entry), let owner = try PostgresCustomerLinker.owner(tx, key: key) { listed.insert(owner) }
            }
            var counts: [String: Int] = [:]
            var customers = 0
            var changedIDs: [Int64] = [], changedSegments: [String?] = [], changedScores: [String?] = []
            for row in try tx.query("SELECT id, segment, rfm FROM customer WHERE merged_into IS NULL") {
                let id = try row.int(0)
                customers += 1
                let score = scores[id]
                let segment = rules.segment(history: histories[id], scores: score, vip: tagged.contains(id) || listed.contains(id), now: now)
                counts[segment ?? "none", default: 0] += 1
                let rfm = score.map { "\($0.recency),\($0.frequency),\($0.monetary)" }
                if try segment != row.optionalString(1) || rfm != row.optionalString(2) {
                    changedIDs.append(id); changedSegments.append(segment); changedScores.append(rfm)
                }
            }
            if !changedIDs.isEmpty {
                // NULLs travel in a text[] as an empty marker the statement turns back into NULL.
                try tx.query("""
                    UPDATE customer c SET segment = nullif(u.segment, E'\\u0001'), rfm = nullif(u.rfm, E'\\u0001')
                    FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(id, segment, rfm) WHERE c.id = u.id
                    """, [.ints(changedIDs), .texts(changedSegments.map { $0 ?? "\u{1}" }), .texts(changedScores.map { $0 ?? "\u{1}" })])
            }
            // Tickets whose messages gave no segment take the customer's.
            let moved = try tx.query("""
                UPDATE ticket SET segment = c.segment FROM customer c
                WHERE c.id = ticket.customer_id AND ticket.segment_given IS NULL AND ticket.segment IS DISTINCT FROM c.segment
                RETURNING CASE WHEN ticket.status != 'solved' THEN ticket.id END
                """).compactMap { try $0.optionalInt(0) }
            // Their deadlines again, for policies that match on the segment.
            for start in stride(from: 0, to: moved.count, by: 5_000) {
                let chunk = Array(moved[start..<min(start + 5_000, moved.count)])
                for row in try tx.query("SELECT \(PostgresTicketRows.clockColumns) FROM ticket WHERE id = ANY($1)", [.ints(chunk)]) {
                    let state = try PostgresTicketRows.clockState(row)
                    try PostgresTicketRows.writeClocks(tx, ClockColumns(state: state, clocks: policy.clocks(for: state.facts)))
                }
            }
            try tx.query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         [.text(SegmentSummary.computedAtKey), .text(RFC3339.format(now))])
            return SegmentSummary(customers: customers, counts: counts, ticketsRecomputed: moved.count)
        }
    }

    /// Of the customers with a solved conversation, by its resolution: how many placed an order
    /// after the first such solve.
    public func repeatPurchase() throws -> [RepeatPurchaseRow] {
        try session.query("""
            WITH solved AS (
                SELECT t.customer_id AS customer, o.resolution AS outcome, min(o.solved_at) AS at
                FROM ticket_outcome o JOIN ticket t ON t.id = o.ticket_id
                WHERE t.customer_id IS NOT NULL GROUP BY t.customer_id, o.resolution
            )
            SELECT outcome, count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders r WHERE r.customer_id = solved.customer AND r.placed_at > solved.at))
            FROM solved GROUP BY outcome ORDER BY outcome
            """).map { RepeatPurchaseRow(outcome: try $0.string(0), customers: Int(try $0.int(1)), repeated: Int(try $0.int(2))) }
    }
}
