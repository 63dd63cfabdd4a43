import Foundation
import KefuCore

/// Holds and "no response needed" with the SQLite store's rules: the ticket's row locked, the
/// changed holds, a note saying who did it and the clocks that follow, in one transaction.
extension PostgresTicketStore: ConversationHolding {
    public func startHold(ticketID: Int64, reason: HoldReason, agent: String, now: Date) throws -> Ticket {
        try session.transaction { tx in
            var state = try Self.lockedClockState(tx, id: ticketID)
            let replaced = state.openHold?.reason
            if let open = state.openHold {
                if open.reason == reason { return try PostgresTicketRows.ticket(tx, id: ticketID)! }
                state.holds[state.holds.count - 1].end = now
            }
            state.holds.append(Hold(reason: reason, start: now))
            try save(tx, state: state, note: StatusNote.holdStarted(reason, by: agent), agent: agent, now: now)
            try PostgresAuditRows.record(tx, at: now, agent: agent, action: .hold, ticketID: ticketID,
                                         detail: AuditDetail.hold(reason, replacing: replaced))
            return try PostgresTicketRows.ticket(tx, id: ticketID)!
        }
    }

    public func endHold(ticketID: Int64, agent: String, now: Date) throws -> Ticket {
        try session.transaction { tx in
            var state = try Self.lockedClockState(tx, id: ticketID)
            guard let open = state.openHold else { return try PostgresTicketRows.ticket(tx, id: ticketID)! }
            state.holds[state.holds.count - 1].end = max(now, open.start)
            try save(tx, state: state, note: StatusNote.holdEnded(by: agent), agent: agent, now: now)
            try PostgresAuditRows.record(tx, at: now, agent: agent, action: .holdEnded, ticketID: ticketID, detail: open.reason.rawValue)
            return try PostgresTicketRows.ticket(tx, id: ticketID)!
        }
    }

    public func markNoResponseNeeded(ticketID: Int64, agent: String, now: Date) throws -> [DeadlineOutcome] {
        try session.transaction { tx in
            var state = try Self.lockedClockState(tx, id: ticketID)
            guard state.awaitingSince != nil else { return [] }
            let before = try Self.outcomeCount(tx, ticketID: ticketID)
            let facts = state.facts
            for clock in state.clocksSettledWithoutReply(policy: policy, now: now) {
                try PostgresDeadlineOutcomes.insert(tx, ticketID: ticketID, clock: clock, facts: facts, settledAt: now,
                                                    reason: .noResponseNeeded, policy: policy)
            }
            state.awaitingSince = nil
            try save(tx, state: state, note: StatusNote.noResponseNeeded(by: agent), agent: agent, now: now)
            let settled = Array(try PostgresDeadlineOutcomes.fetch(tx, ticketID: ticketID).dropFirst(before))
            try PostgresAuditRows.record(tx, at: now, agent: agent, action: .noResponseNeeded, ticketID: ticketID,
                                         detail: "\(settled.count) reply clock(s) settled as excused")
            return settled
        }
    }

    /// Writes the changed holds and awaiting time, a note for the thread, and the clocks that follow.
    private func save(_ tx: PostgresTransaction, state: TicketClockState, note: String, agent: String, now: Date) throws {
        try tx.query("UPDATE ticket SET holds = $1, awaiting_since = $2, version = version + 1 WHERE id = $3",
                     [.text(HoldCoding.encode(state.holds)), .of(state.awaitingSince), .int(state.id)])
        let sequence = try tx.query("SELECT count(*) FROM message WHERE ticket_id = $1", [.int(state.id)])[0].int(0)
        try tx.query("""
            INSERT INTO message (ticket_id, external_id, direction, author, recipient, at, subject, body, language)
            VALUES ($1, $2, 'note', $3, '', $4, '', $5, NULL)
            """, [.int(state.id), .text(StatusNote.externalID(ticketID: state.id, sequence: sequence, at: now)), .text(agent),
                  .double(now.timeIntervalSince1970), .text(note)])
        try tx.query("UPDATE ticket SET message_count = message_count + 1 WHERE id = $1", [.int(state.id)])
        try Self.refreshClocks(tx, id: state.id, policy: policy)
    }

    /// The ticket's clock facts, its row locked until the transaction ends.
    static func lockedClockState(_ tx: PostgresTransaction, id: Int64) throws -> TicketClockState {
        guard let row = try tx.query("SELECT \(PostgresTicketRows.clockColumns) FROM ticket WHERE id = $1 FOR UPDATE", [.int(id)]).first else {
            throw StoreError.ticketNotFound(id)
        }
        return try PostgresTicketRows.clockState(row)
    }

    /// Writes the clocks the policy now gives the stored ticket.
    static func refreshClocks(_ tx: PostgresTransaction, id: Int64, policy: any DeadlinePolicy) throws {
        guard let row = try tx.query("SELECT \(PostgresTicketRows.clockColumns) FROM ticket WHERE id = $1", [.int(id)]).first else { return }
        let state = try PostgresTicketRows.clockState(row)
        try PostgresTicketRows.writeClocks(tx, ClockColumns(state: state, clocks: policy.clocks(for: state.facts)))
    }

    static func outcomeCount(_ tx: PostgresTransaction, ticketID: Int64) throws -> Int {
        Int(try tx.query("SELECT count(*) FROM deadline_outcome WHERE ticket_id = $1", [.int(ticketID)])[0].int(0))
    }
}
