import Foundation
import GRDB
import KefuCore

/// Claims on SQLite: one write transaction does the capacity check and the claim (SQLite has
/// one writer at a time, so two consoles on one host cannot take the same ticket).
extension SQLiteTicketStore: TicketClaiming {
    public func claimNext(for agent: String, releasing: Int64?, skipping: [Int64], rules: ClaimRules, now: Date) throws -> ClaimOutcome {
        let t = now.timeIntervalSince1970
        return try pool.write { db in
            if let releasing {
                try db.execute(sql: "UPDATE ticket SET claimed_by = NULL, claim_until = NULL WHERE id = ? AND claimed_by = ?",
                               arguments: [releasing, agent])
                if db.changesCount > 0 {
                    try AuditRows.record(db, at: now, agent: agent, action: .release, ticketID: releasing, detail: AuditDetail.release(movingOn: true))
                }
            }
            let held = try Int64.fetchAll(db, sql: """
                SELECT id FROM ticket WHERE claimed_by = ? AND claim_until > ? AND status = 'open' AND needs_reply = 1 ORDER BY id
                """, arguments: [agent, t])
            if held.count >= rules.capacity { return .atCapacity(held: held) }
            let query = QueueQuery(view: .needsReply, now: now, order: .triage)
            var (base, baseArguments) = try condition(query, db)
            base += " AND (assignee IS NULL OR assignee = ?) AND (claimed_by IS NULL OR claim_until <= ?) AND id <> ?"
            baseArguments += [agent, t, releasing ?? 0]
            if !skipping.isEmpty {
                base += " AND id NOT IN (\(skipping.map { _ in "?" }.joined(separator: ",")))"
                baseArguments += StatementArguments(skipping)
            }
            for range in query.ranges {
                let (sql, arguments) = rangeCondition(range)
                guard let id = try Int64.fetchOne(db, sql: """
                    SELECT id FROM ticket WHERE \(base + sql) ORDER BY queue_key, id LIMIT 1
                    """, arguments: baseArguments + arguments) else { continue }
                // A lease of someone else's that lapsed ends here: the log says whose it was.
                if let holder = try String.fetchOne(db, sql: "SELECT claimed_by FROM ticket WHERE id = ?", arguments: [id]), holder != agent {
                    try AuditRows.record(db, at: now, agent: holder, action: .lapse, ticketID: id, detail: AuditDetail.lapse(takenBy: agent))
                }
                try db.execute(sql: "UPDATE ticket SET claimed_by = ?, claimed_at = ?, claim_until = ? WHERE id = ?",
                               arguments: [agent, t, t + rules.lease, id])
                try AuditRows.record(db, at: now, agent: agent, action: .claim, ticketID: id,
                                     detail: AuditDetail.claim(until: now.addingTimeInterval(rules.lease)))
                return .claimed(try TicketRow.fetchOne(db, id: id)!)
            }
            return .nothingFree
        }
    }

    public func renewClaim(ticketID: Int64, agent: String, rules: ClaimRules, now: Date) throws -> Bool {
        let t = now.timeIntervalSince1970
        return try pool.write { db in
            try db.execute(sql: "UPDATE ticket SET claim_until = ? WHERE id = ? AND claimed_by = ? AND claim_until > ?",
                           arguments: [t + rules.lease, ticketID, agent, t])
            return db.changesCount > 0
        }
    }

    public func releaseClaim(ticketID: Int64, agent: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE ticket SET claimed_by = NULL, claim_until = NULL WHERE id = ? AND claimed_by = ?",
                           arguments: [ticketID, agent])
            if db.changesCount > 0 {
                try AuditRows.record(db, at: Date(), agent: agent, action: .release, ticketID: ticketID, detail: AuditDetail.release(movingOn: false))
            }
        }
    }

    public func liveClaims(now: Date) throws -> [TicketClaim] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, claimed_by, claimed_at, claim_until FROM ticket WHERE claimed_by IS NOT NULL AND claim_until > ? ORDER BY id",
                             arguments: [now.timeIntervalSince1970]).map {
                TicketClaim(ticketID: $0[0], agent: $0[1], since: Date(timeIntervalSince1970: $0[2]), until: Date(timeIntervalSince1970: $0[3]))
            }
        }
    }
}
