import Foundation
import GRDB
import KefuCore

/// Holds and "no response needed": clock changes without a reply, each in one transaction with
/// a note that records who did it.
extension SQLiteTicketStore: ConversationHolding {
    public func startHold(ticketID: Int64, reason: HoldReason, agent: String, now: Date) throws -> Ticket {
        try pool.write { db in
            guard var state = try TicketClockState.fetch(db, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
            let replaced = state.openHold?.reason
            if let open = state.openHold {
                if open.reason == reason { return try TicketRow.fetchOne(db, id: ticketID)! }
                state.holds[state.holds.count - 1].end = now
            }
            state.holds.append(Hold(reason: reason, start: now))
            try save(db, state: state, note: StatusNote.holdStarted(reason, by: agent), agent: agent, now: now)
            try AuditRows.record(db, at: now, agent: agent, action: .hold, ticketID: ticketID,
                                 detail: AuditDetail.hold(reason, replacing: replaced))
            return try TicketRow.fetchOne(db, id: ticketID)!
        }
    }

    public func endHold(ticketID: Int64, agent: String, now: Date) throws -> Ticket {
        try pool.write { db in
            guard var state = try TicketClockState.fetch(db, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
            guard let open = state.openHold else { return try TicketRow.fetchOne(db, id: ticketID)! }
            state.holds[state.holds.count - 1].end = max(now, open.start)
            try save(db, state: state, note: StatusNote.holdEnded(by: agent), agent: agent, now: now)
            try AuditRows.record(db, at: now, agent: agent, action: .holdEnded, ticketID: ticketID, detail: open.reason.rawValue)
            return try TicketRow.fetchOne(db, id: ticketID)!
        }
    }

    public func markNoResponseNeeded(ticketID: Int64, agent: String, now: Date) throws -> [DeadlineOutcome] {
        try pool.write { db in
            guard var state = try TicketClockState.fetch(db, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
            guard state.awaitingSince != nil else { return [] }
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM deadline_outcome WHERE ticket_id = ?", arguments: [ticketID]) ?? 0
            let facts = state.facts
            for clock in state.clocksSettledWithoutReply(policy: policy, now: now) {
                try DeadlineOutcomes.insert(db, ticketID: ticketID, clock: clock, facts: facts, settledAt: now,
                                            reason: .noResponseNeeded, policy: policy)
            }
            state.awaitingSince = nil
            try save(db, state: state, note: StatusNote.noResponseNeeded(by: agent), agent: agent, now: now)
            let settled = Array(try DeadlineOutcomes.fetch(db, ticketID: ticketID).dropFirst(before))
            try AuditRows.record(db, at: now, agent: agent, action: .noResponseNeeded, ticketID: ticketID,
                                 detail: "\(settled.count) reply clock(s) settled as excused")
            return settled
        }
    }

    /// Writes the changed holds and awaiting time, a note for the thread, and the clocks that follow.
    private func save(_ db: Database, state: TicketClockState, note: String, agent: String, now: Date) throws {
        try db.execute(sql: "UPDATE ticket SET holds = ?, awaiting_since = ?, version = version + 1 WHERE id = ?",
                       arguments: [HoldCoding.encode(state.holds), state.awaitingSince?.timeIntervalSince1970, state.id])
        let sequence = try Int64.fetchOne(db, sql: "SELECT count(*) FROM message WHERE ticket_id = ?", arguments: [state.id]) ?? 0
        try db.execute(sql: """
            INSERT INTO message (ticket_id, external_id, direction, author, recipient, at, subject, body, language)
            VALUES (?, ?, 'note', ?, '', ?, '', ?, NULL)
            """, arguments: [state.id, StatusNote.externalID(ticketID: state.id, sequence: sequence, at: now), agent,
                             now.timeIntervalSince1970, note])
        try db.execute(sql: "UPDATE ticket SET message_count = message_count + 1 WHERE id = ?", arguments: [state.id])
        try TicketClockState.refreshClocks(db, id: state.id, policy: policy)
    }
}
