import Foundation
import KefuCore

/// Claims on PostgreSQL: the candidate row is taken with `FOR UPDATE SKIP LOCKED`, so agents
/// claiming at the same moment each lock a different ticket instead of queueing on one, and a
/// per-agent advisory lock makes the capacity check and the claim one step for that agent.
/// `n` is the server function `kefu_claim_next` (migration 14): one round trip.
extension PostgresTicketStore: TicketClaiming {
    public func claimNext(for agent: String, releasing: Int64?, skipping: [Int64], rules: ClaimRules, now: Date) throws -> ClaimOutcome {
        let t = now.timeIntervalSince1970
        let ranges = QueueQuery(view: .needsReply, now: now, order: .triage).ranges
        // The whole claim is one statement (migration 14 says why); its changes are committed
        // when it returns.
        guard let row = try session.query("""
            SELECT claim_outcome, claimed_id, held_ids, data_changed
            FROM kefu_claim_next($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, [.text(agent), .of(releasing), .ints(skipping), .int(Int64(rules.capacity)), .double(t), .double(t + rules.lease),
                  .doubles(ranges.map { $0.lower ?? -.infinity }), .doubles(ranges.map { $0.upper ?? .infinity }),
                  .text(AuditDetail.release(movingOn: true)), .text(AuditDetail.lapse(takenBy: agent)),
                  .text(AuditDetail.claim(until: now.addingTimeInterval(rules.lease)))]).first else {
            throw PostgresStoreError(message: "kefu_claim_next returned no row", sqlState: nil)
        }
        let held = try row.string(2).split(separator: ",").compactMap { Int64($0) }
        switch try row.string(0) {
        case "claimed":
            // The claimed ticket and the notification in one round trip, after the commit.
            let id = try row.int(1)
            guard let ticket = try session.query("""
                SELECT \(PostgresTicketRows.ticketColumns), pg_notify('kefu_change', 'data')::text FROM ticket WHERE id = $1
                """, [.int(id)]).first.map(PostgresTicketRows.ticket) else { throw StoreError.ticketNotFound(id) }
            return .claimed(ticket)
        case let outcome:
            if try row.bool(3) { _ = try? session.query("SELECT pg_notify('kefu_change', 'data')") }
            return outcome == "at_capacity" ? .atCapacity(held: held) : .nothingFree
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
