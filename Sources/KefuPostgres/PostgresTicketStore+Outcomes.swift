import Foundation
import KefuCore

/// Solving with an outcome, and leads' later edits, with the SQLite store's rules: the ticket's
/// row locked; the status change, the settled clocks (resolution: resolved; reply: closed
/// without a reply) and the outcome with its history row in one transaction; the role check
/// (`editOutcome`) made against the outcome as it is inside that transaction.
extension PostgresTicketStore: OutcomeStore {
    public func solve(ticketID: Int64, outcome: OutcomeChoice, acting: ActingAgent, now: Date) throws -> SolvedTicket {
        try session.transaction { tx in
            let state = try Self.lockedClockState(tx, id: ticketID)
            if state.status == .solved, try PostgresOutcomeRows.exists(tx, ticketID: ticketID) {
                try acting.require(.editOutcome(ticketID: ticketID))
            }
            let before = try Self.outcomeCount(tx, ticketID: ticketID)
            var closedUnanswered: [DeadlineOutcome] = []
            if state.status != .solved {
                let facts = state.facts
                let running = policy.clocks(for: facts).filter { $0.started <= now }
                for clock in running where clock.kind == .resolution {
                    try PostgresDeadlineOutcomes.insert(tx, ticketID: ticketID, clock: clock, facts: facts, settledAt: now,
                                                        reason: .resolved, policy: policy)
                }
                // Solving is not answering: a reply clock still running ends breached, its message unanswered.
                for clock in running where clock.kind != .resolution {
                    closedUnanswered.append(try PostgresDeadlineOutcomes.insertClosedUnanswered(
                        tx, ticketID: ticketID, clock: clock, facts: facts, settledAt: now, policy: policy))
                }
                try tx.query("UPDATE ticket SET status = 'solved', awaiting_since = NULL, version = version + 1 WHERE id = $1",
                             [.int(ticketID)])
                try Self.refreshClocks(tx, id: ticketID, policy: policy)
            }
            let previous = try PostgresOutcomeRows.choice(tx, ticketID: ticketID)
            let recorded = try PostgresOutcomeRows.record(tx, ticketID: ticketID, choice: outcome, by: acting.name, now: now, solvedAt: now)
            try PostgresAuditRows.record(tx, at: now, agent: acting.name, action: state.status == .solved ? .outcome : .solve,
                                         ticketID: ticketID, detail: AuditDetail.outcome(outcome, previous: previous))
            let settled = try PostgresDeadlineOutcomes.fetch(tx, ticketID: ticketID).dropFirst(before).filter { $0.clock.kind == .resolution }
            return SolvedTicket(ticket: try PostgresTicketRows.ticket(tx, id: ticketID)!, outcome: recorded, settled: settled,
                                closedUnanswered: closedUnanswered)
        }
    }

    @discardableResult
    public func setOutcome(ticketID: Int64, outcome: OutcomeChoice, acting: ActingAgent, now: Date) throws -> RecordedOutcome {
        try session.transaction { tx in
            _ = try Self.lockedClockState(tx, id: ticketID)
            if try PostgresOutcomeRows.exists(tx, ticketID: ticketID) { try acting.require(.editOutcome(ticketID: ticketID)) }
            // An edit keeps the solving time, so the ticket stays in its week of the report.
            let solvedAt = try tx.query("SELECT solved_at FROM ticket_outcome WHERE ticket_id = $1", [.int(ticketID)]).first?.date(0)
            let previous = try PostgresOutcomeRows.choice(tx, ticketID: ticketID)
            let recorded = try PostgresOutcomeRows.record(tx, ticketID: ticketID, choice: outcome, by: acting.name, now: now, solvedAt: solvedAt ?? now)
            try PostgresAuditRows.record(tx, at: now, agent: acting.name, action: .outcome, ticketID: ticketID,
                                         detail: AuditDetail.outcome(outcome, previous: previous))
            return recorded
        }
    }

    public func outcome(ticketID: Int64) throws -> RecordedOutcome? {
        try session.query("\(PostgresOutcomeRows.select("ticket_outcome")) WHERE o.ticket_id = $1", [.int(ticketID)])
            .first.flatMap(PostgresOutcomeRows.decode)
    }

    public func outcomeHistory(ticketID: Int64) throws -> [RecordedOutcome] {
        try session.query("\(PostgresOutcomeRows.select("ticket_outcome_history")) WHERE o.ticket_id = $1 ORDER BY o.id", [.int(ticketID)])
            .compactMap(PostgresOutcomeRows.decode)
    }

    public func outcomes(since: Date?, until: Date?) throws -> [RecordedOutcome] {
        try session.query("""
            \(PostgresOutcomeRows.select("ticket_outcome")) WHERE o.solved_at >= $1 AND o.solved_at < $2 ORDER BY o.solved_at, o.ticket_id
            """, [.double(since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude),
                  .double(until?.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude)])
            .compactMap(PostgresOutcomeRows.decode)
    }
}

/// The `ticket_outcome` rows and their history.
enum PostgresOutcomeRows {
    static func select(_ table: String) -> String {
        """
        SELECT o.ticket_id, o.problem, o.responsible, o.resolution, o.recorded_by, o.recorded_at, o.solved_at, t.order_id
        FROM \(table) o JOIN ticket t ON t.id = o.ticket_id
        """
    }

    static func record(_ tx: PostgresTransaction, ticketID: Int64, choice: OutcomeChoice, by: String, now: Date, solvedAt: Date) throws -> RecordedOutcome {
        let values: [PostgresValue] = [
            .int(ticketID), .text(choice.problem.rawValue), .text(choice.responsible.rawValue), .text(choice.resolution.rawValue),
            .text(by), .double(now.timeIntervalSince1970), .double(solvedAt.timeIntervalSince1970),
        ]
        try tx.query("""
            INSERT INTO ticket_outcome (ticket_id, problem, responsible, resolution, recorded_by, recorded_at, solved_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (ticket_id) DO UPDATE SET problem = excluded.problem, responsible = excluded.responsible,
                resolution = excluded.resolution, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at,
                solved_at = excluded.solved_at
            """, values)
        try tx.query("""
            INSERT INTO ticket_outcome_history (ticket_id, problem, responsible, resolution, recorded_by, recorded_at, solved_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, values)
        let order = try tx.query("SELECT order_id FROM ticket WHERE id = $1", [.int(ticketID)]).first?.optionalString(0)
        return RecordedOutcome(ticketID: ticketID, choice: choice, recordedBy: by, recordedAt: now, solvedAt: solvedAt, orderID: order)
    }

    /// The outcome recorded now, if any (for the audit row of a change).
    static func choice(_ tx: PostgresTransaction, ticketID: Int64) throws -> OutcomeChoice? {
        try tx.query("\(select("ticket_outcome")) WHERE o.ticket_id = $1", [.int(ticketID)]).first.flatMap(decode)?.choice
    }

    static func exists(_ tx: PostgresTransaction, ticketID: Int64) throws -> Bool {
        !(try tx.query("SELECT 1 FROM ticket_outcome WHERE ticket_id = $1", [.int(ticketID)]).isEmpty)
    }

    /// Nil for a row whose names this version does not know (written by a newer Kefu).
    static func decode(_ row: PostgresResultRow) throws -> RecordedOutcome? {
        guard let problem = Problem(rawValue: try row.string(1)), let responsible = ResponsibleParty(rawValue: try row.string(2)),
              let resolution = Resolution(rawValue: try row.string(3)) else { return nil }
        return RecordedOutcome(
            ticketID: try row.int(0), choice: OutcomeChoice(problem: problem, responsible: responsible, resolution: resolution),
            recordedBy: try row.string(4), recordedAt: try row.date(5), solvedAt: try row.date(6), orderID: try row.optionalString(7))
    }
}

extension PostgresDeadlineOutcomes {
    /// A customer message closed without a reply (solved while its reply clock ran): breached,
    /// and `unanswered`, which the credit trigger counts once per (ticket, kind, instant).
    static func insertClosedUnanswered(
        _ tx: PostgresTransaction, ticketID: Int64, clock: ReplyClock, facts: ConversationFacts, settledAt: Date,
        policy: any DeadlinePolicy
    ) throws -> DeadlineOutcome {
        let outcome = DeadlineOutcome.closedUnanswered(clock, ticketID: ticketID, facts: facts, at: settledAt, policy: policy)
        try tx.query("""
            INSERT INTO deadline_outcome (ticket_id, kind, policy, business, started, due, settled_at, met,
                                          elapsed_calendar, elapsed_business, excused, paused_seconds, unanswered)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, false, $11, true)
            """, [
                .int(ticketID), .text(clock.kind.rawValue), .text(clock.policy), .bool(clock.business),
                .double(clock.started.timeIntervalSince1970), .double(clock.due.timeIntervalSince1970),
                .double(settledAt.timeIntervalSince1970), .bool(outcome.met), .double(outcome.elapsedCalendarSeconds),
                .double(outcome.elapsedBusinessSeconds), .double(outcome.pausedSeconds),
            ])
        return outcome
    }
}
