import Foundation
import GRDB
import KefuCore

/// Solving with an outcome, and leads' later edits. The status change, the settled clocks
/// (resolution: resolved; reply: closed without a reply) and the outcome (with its history row)
/// are one transaction.
extension SQLiteTicketStore: OutcomeStore {
    public func solve(ticketID: Int64, outcome: OutcomeChoice, acting: ActingAgent, now: Date) throws -> SolvedTicket {
        let by = acting.name
        return try pool.write { db in
            guard let state = try TicketClockState.fetch(db, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
            if state.status == .solved, try OutcomeRows.exists(db, ticketID: ticketID) {
                try acting.require(.editOutcome(ticketID: ticketID))
            }
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM deadline_outcome WHERE ticket_id = ?", arguments: [ticketID]) ?? 0
            var closedUnanswered: [DeadlineOutcome] = []
            if state.status != .solved {
                let facts = state.facts
                let running = policy.clocks(for: facts).filter { $0.started <= now }
                // A running resolution clock ends here, resolved.
                for clock in running where clock.kind == .resolution {
                    try DeadlineOutcomes.insert(db, ticketID: ticketID, clock: clock, facts: facts, settledAt: now, reason: .resolved, policy: policy)
                }
                // Solving is not answering: a reply clock still running ends breached and its
                // message counts as unanswered ("no response needed" would have stopped it already).
                for clock in running where clock.kind != .resolution {
                    closedUnanswered.append(try ClosedUnansweredRows.insert(
                        db, ticketID: ticketID, clock: clock, facts: facts, settledAt: now, policy: policy))
                }
                // The message is settled: should the customer write again, the new clock starts
                // from their new message, not from the one closed here.
                try db.execute(sql: "UPDATE ticket SET status = 'solved', awaiting_since = NULL, version = version + 1 WHERE id = ?",
                               arguments: [ticketID])
                try TicketClockState.refreshClocks(db, id: ticketID, policy: policy)
            }
            let previous = try OutcomeRows.choice(db, ticketID: ticketID)
            let recorded = try OutcomeRows.record(db, ticketID: ticketID, choice: outcome, by: by, now: now, solvedAt: now)
            try AuditRows.record(db, at: now, agent: by, action: state.status == .solved ? .outcome : .solve, ticketID: ticketID,
                                 detail: AuditDetail.outcome(outcome, previous: previous))
            let settled = try DeadlineOutcomes.fetch(db, ticketID: ticketID).dropFirst(before).filter { $0.clock.kind == .resolution }
            return SolvedTicket(ticket: try TicketRow.fetchOne(db, id: ticketID)!, outcome: recorded, settled: settled,
                                closedUnanswered: closedUnanswered)
        }
    }

    @discardableResult
    public func setOutcome(ticketID: Int64, outcome: OutcomeChoice, acting: ActingAgent, now: Date) throws -> RecordedOutcome {
        let by = acting.name
        return try pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM ticket WHERE id = ?", arguments: [ticketID]) != nil else {
                throw StoreError.ticketNotFound(ticketID)
            }
            if try OutcomeRows.exists(db, ticketID: ticketID) { try acting.require(.editOutcome(ticketID: ticketID)) }
            // An edit keeps the solving time, so the ticket stays in its week of the report.
            let solvedAt = try Double.fetchOne(db, sql: "SELECT solved_at FROM ticket_outcome WHERE ticket_id = ?", arguments: [ticketID])
            let previous = try OutcomeRows.choice(db, ticketID: ticketID)
            let recorded = try OutcomeRows.record(db, ticketID: ticketID, choice: outcome, by: by, now: now,
                                                  solvedAt: solvedAt.map(Date.init(timeIntervalSince1970:)) ?? now)
            try AuditRows.record(db, at: now, agent: by, action: .outcome, ticketID: ticketID,
                                 detail: AuditDetail.outcome(outcome, previous: previous))
            return recorded
        }
    }

    public func outcome(ticketID: Int64) throws -> RecordedOutcome? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "\(OutcomeRows.select) WHERE o.ticket_id = ?", arguments: [ticketID]).flatMap(OutcomeRows.decode)
        }
    }

    public func outcomeHistory(ticketID: Int64) throws -> [RecordedOutcome] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.ticket_id, o.problem, o.responsible, o.resolution, o.recorded_by, o.recorded_at, o.solved_at, t.order_id
                FROM ticket_outcome_history o JOIN ticket t ON t.id = o.ticket_id WHERE o.ticket_id = ? ORDER BY o.id
                """, arguments: [ticketID]).compactMap(OutcomeRows.decode)
        }
    }

    public func outcomes(since: Date?, until: Date?) throws -> [RecordedOutcome] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "\(OutcomeRows.select) WHERE o.solved_at >= ? AND o.solved_at < ? ORDER BY o.solved_at, o.ticket_id",
                             arguments: [since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude,
                                         until?.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude])
                .compactMap(OutcomeRows.decode)
        }
    }
}

/// The `ticket_outcome` rows and their history.
enum OutcomeRows {
    static let select = """
        SELECT o.ticket_id, o.problem, o.responsible, o.resolution, o.recorded_by, o.recorded_at, o.solved_at, t.order_id
        FROM ticket_outcome o JOIN ticket t ON t.id = o.ticket_id
        """

    static func record(_ db: Database, ticketID: Int64, choice: OutcomeChoice, by: String, now: Date, solvedAt: Date) throws -> RecordedOutcome {
        let arguments: StatementArguments = [
            ticketID, choice.problem.rawValue, choice.responsible.rawValue, choice.resolution.rawValue, by,
            now.timeIntervalSince1970, solvedAt.timeIntervalSince1970,
        ]
        try db.execute(sql: """
            INSERT INTO ticket_outcome (ticket_id, problem, responsible, resolution, recorded_by, recorded_at, solved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET problem = excluded.problem, responsible = excluded.responsible,
                resolution = excluded.resolution, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at,
                solved_at = excluded.solved_at
            """, arguments: arguments)
        try db.execute(sql: """
            INSERT INTO ticket_outcome_history (ticket_id, problem, responsible, resolution, recorded_by, recorded_at, solved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: arguments)
        let order = try String.fetchOne(db, sql: "SELECT order_id FROM ticket WHERE id = ?", arguments: [ticketID])
        return RecordedOutcome(ticketID: ticketID, choice: choice, recordedBy: by, recordedAt: now, solvedAt: solvedAt, orderID: order)
    }

    /// The outcome recorded now, if any (for the audit row of a change).
    static func choice(_ db: Database, ticketID: Int64) throws -> OutcomeChoice? {
        try Row.fetchOne(db, sql: "\(select) WHERE o.ticket_id = ?", arguments: [ticketID]).flatMap(decode)?.choice
    }

    static func exists(_ db: Database, ticketID: Int64) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT 1 FROM ticket_outcome WHERE ticket_id = ?", arguments: [ticketID]) != nil
    }

    /// Nil for a row whose names this version does not know (written by a newer Kefu).
    static func decode(_ row: Row) -> RecordedOutcome? {
        guard let problem = Problem(rawValue: row[1]), let responsible = ResponsibleParty(rawValue: row[2]),
              let resolution = Resolution(rawValue: row[3]) else { return nil }
        return RecordedOutcome(
            ticketID: row[0], choice: OutcomeChoice(problem: problem, responsible: responsible, resolution: resolution),
            recordedBy: row[4], recordedAt: Date(timeIntervalSince1970: row[5]), solvedAt: Date(timeIntervalSince1970: row[6]),
            orderID: row[7])
    }
}
