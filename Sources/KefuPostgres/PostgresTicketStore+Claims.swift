import Foundation
import KefuCore

/// Claims on PostgreSQL: the candidate row is taken with `FOR UPDATE SKIP LOCKED`, so agents
/// claiming at the same moment each lock a different ticket instead of queueing on one, and a
/// per-agent advisory lock makes the capacity check and the claim one step for that agent.
extension PostgresTicketStore: TicketClaiming {
    public func claimNext(for agent: String, releasing: Int64?, skipping: [Int64], rules: ClaimRules, now: Date) throws -> ClaimOutcome {
        let t = now.timeIntervalSince1970
        return try session.transaction { tx in
            try tx.query("SELECT pg_advisory_xact_lock(7238003, hashtext($1))", [.text(agent)])
            if let releasing {
                if !(try tx.query("UPDATE ticket SET claimed_by = NULL, claim_until = NULL WHERE id = $1 AND claimed_by = $2 RETURNING id",
                                  [.int(releasing), .text(agent)])).isEmpty {
                    try PostgresAuditRows.record(tx, at: now, agent: agent, action: .release, ticketID: releasing,
                                                 detail: AuditDetail.release(movingOn: true))
                }
            }
            let held = try tx.query("""
                SELECT id FROM ticket WHERE claimed_by = $1 AND claim_until > $2 AND status = 'open' AND needs_reply ORDER BY id
                """, [.text(agent), .double(t)]).map { try $0.int(0) }
            if held.count >= rules.capacity { return .atCapacity(held: held) }
            let query = QueueQuery(view: .needsReply, now: now, order: .triage)
            for range in query.ranges {
                var (sql, values) = condition(query)
                values += [.text(agent), .double(t), .int(releasing ?? 0)]
                sql += " AND (assignee IS NULL OR assignee = $\(values.count - 2)) AND (claimed_by IS NULL OR claim_until <= $\(values.count - 1)) AND id <> $\(values.count)"
                if !skipping.isEmpty {
                    values.append(.text("{" + skipping.map(String.init).joined(separator: ",") + "}"))
                    sql += " AND id <> ALL($\(values.count)::bigint[])"
                }
                if let lower = range.lower { values.append(.double(lower)); sql += " AND queue_key >= $\(values.count)" }
                if let upper = range.upper { values.append(.double(upper)); sql += " AND queue_key < $\(values.count)" }
                guard let row = try tx.query("""
                    SELECT id, claimed_by FROM ticket WHERE \(sql) ORDER BY queue_key, id LIMIT 1 FOR UPDATE SKIP LOCKED
                    """, values).first else { continue }
                let id = try row.int(0)
                // A lease of someone else's that lapsed ends here: the log says whose it was.
                if let holder = try row.optionalString(1), holder != agent {
                    try PostgresAuditRows.record(tx, at: now, agent: holder, action: .lapse, ticketID: id, detail: AuditDetail.lapse(takenBy: agent))
                }
                try tx.query("UPDATE ticket SET claimed_by = $1, claimed_at = $2, claim_until = $3 WHERE id = $4",
                             [.text(agent), .double(t), .double(t + rules.lease), .int(id)])
                try PostgresAuditRows.record(tx, at: now, agent: agent, action: .claim, ticketID: id,
                                             detail: AuditDetail.claim(until: now.addingTimeInterval(rules.lease)))
                return .claimed(try PostgresTicketRows.ticket(tx, id: id)!)
            }
            return .nothingFree
        }
    }

    public func renewClaim(ticketID: Int64, agent: String, rules: ClaimRules, now: Date) throws -> Bool {
        let t = now.timeIntervalSince1970
        return !(try session.query("""
            UPDATE ticket SET claim_until = $1 WHERE id = $2 AND claimed_by = $3 AND claim_until > $4 RETURNING id
            """, [.double(t + rules.lease), .int(ticketID), .text(agent), .double(t)])).isEmpty
    }

    public func releaseClaim(ticketID: Int64, agent: String) throws {
        try session.transaction { tx in
            if !(try tx.query("UPDATE ticket SET claimed_by = NULL, claim_until = NULL WHERE id = $1 AND claimed_by = $2 RETURNING id",
                              [.int(ticketID), .text(agent)])).isEmpty {
                try PostgresAuditRows.record(tx, at: Date(), agent: agent, action: .release, ticketID: ticketID,
                                             detail: AuditDetail.release(movingOn: false))
            }
        }
    }

    public func liveClaims(now: Date) throws -> [TicketClaim] {
        try session.query("""
            SELECT id, claimed_by, claimed_at, claim_until FROM ticket WHERE claimed_by IS NOT NULL AND claim_until > $1 ORDER BY id
            """, [.double(now.timeIntervalSince1970)]).map {
            TicketClaim(ticketID: try $0.int(0), agent: try $0.string(1), since: try $0.date(2), until: try $0.date(3))
        }
    }
}
