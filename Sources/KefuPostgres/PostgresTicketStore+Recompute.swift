import Foundation
import KefuCore

/// A changed deadline policy applied to the open tickets, as the SQLite store does it: the
/// clocks worked out by KefuCore's rules (`ClockColumns`), written in one transaction, and the
/// policy's fingerprint kept in `meta` so the next opening knows the clocks are current.
extension PostgresTicketStore: DeadlineRecomputing {
    /// The `meta` key of the fingerprint the stored clocks were computed with (as in SQLite).
    static let policyFingerprintKey = "policy_fingerprint"
    /// Tickets per UPDATE: one statement per chunk, not one round trip per ticket.
    static let recomputeChunk = 2_000

    public func recomputeOpenDeadlines() throws -> Int {
        let policy = self.policy
        return try session.transaction { tx in
            // Other writers wait for the rows this recompute rewrites, not the other way round.
            let states = try tx.query("SELECT \(PostgresTicketRows.clockColumns) FROM ticket WHERE status <> 'solved' ORDER BY id FOR UPDATE")
                .map(PostgresTicketRows.clockState)
            var moved = 0
            var start = 0
            while start < states.count {
                let chunk = states[start..<min(start + Self.recomputeChunk, states.count)]
                let columns = chunk.map { ClockColumns(state: $0, clocks: policy.clocks(for: $0.facts)) }
                moved += try Self.writeClocks(tx, columns)
                start += Self.recomputeChunk
            }
            if let fingerprint = policy.fingerprint {
                try tx.query("""
                    INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, [.text(Self.policyFingerprintKey), .text(fingerprint)])
            }
            return moved
        }
    }

    /// Recomputes open deadlines when the policy differs from the one the store last used (a
    /// changed config file). Returns how many tickets' deadlines moved; nil when the policy had
    /// not changed (or the store had never recorded one).
    @discardableResult
    public func applyPolicyChangeIfNeeded() throws -> Int? {
        guard let fingerprint = policy.fingerprint else { return nil }
        let stored = try meta(Self.policyFingerprintKey)
        if stored == fingerprint { return nil }
        let moved = try recomputeOpenDeadlines()
        return stored == nil ? nil : moved
    }

    /// Writes many tickets' clock columns with one UPDATE from a JSON list, skipping the rows
    /// whose clocks are already these; returns how many rows it wrote.
    static func writeClocks(_ tx: PostgresTransaction, _ columns: [ClockColumns]) throws -> Int {
        guard !columns.isEmpty else { return 0 }
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "null" }
        var json = "["
        for (index, row) in columns.enumerated() {
            if index > 0 { json += "," }
            json += "{\"id\":\(row.id),\"clocks\":"
            ClockCoding.appendString(row.encoded, to: &json)
            json += ",\"due_at\":\(number(row.dueAt)),\"due_target\":\(number(row.dueTarget)),\"warn_at\":\(number(row.warnAt))"
            json += ",\"queue_key\":\(row.queueKey),\"needs_reply\":\(row.needsReply),\"hold_reason\":"
            if let hold = row.hold { ClockCoding.appendString(hold, to: &json) } else { json += "null" }
            json += ",\"due_policy\":"
            if let policy = row.duePolicy { ClockCoding.appendString(policy, to: &json) } else { json += "null" }
            json += "}"
        }
        json += "]"
        return try tx.query("""
            UPDATE ticket t SET (\(ClockColumns.names)) =
                (v.clocks, v.due_at, v.due_target, v.warn_at, v.queue_key, v.needs_reply, v.hold_reason, v.due_policy)
            FROM jsonb_to_recordset($1::jsonb) AS v(id bigint, clocks text, due_at double precision, due_target double precision,
                warn_at double precision, queue_key double precision, needs_reply boolean, hold_reason text, due_policy text)
            WHERE t.id = v.id AND NOT (t.clocks IS NOT DISTINCT FROM v.clocks AND t.hold_reason IS NOT DISTINCT FROM v.hold_reason)
            RETURNING t.id
            """, [.text(json)]).count
    }
}

/// `policy` and `conversationFacts(ticketID:)` (+Queue) answer `kefu sla explain`.
extension PostgresTicketStore: DeadlineExplaining {}
