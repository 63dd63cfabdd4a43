import Foundation
import GRDB
import KefuCore

/// Holds and "no response needed": clock changes without a reply, each in one transaction with
/// a note that records who did it.
extension SQLiteTicketStore: ConversationHolding {
    public func startHold(ticketID: Int64, reason: HoldReason, agent: String, now: Date) throws -> Ticket {
        try pool.write { db in
            guard var state = try TicketClockState.fetch(db, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
            if let open = state.openHold {
                if open.reason == reason { return try TicketRow.fetchOne(db, id: ticketID)! }
                state.holds[state.holds.count - 1].end = now
            }
            state.holds.append(Hold(reason: reason, start: now))
            try save(db, state: state, note: "\(reason.sentence) — \(agent)", agent: agent, now: now)
            return try TicketRow.fetchOne(db, id: ticketID)!
        }
    }

    public func endHold(ticketID: Int64, agent: String, now: Date) throws -> Ticket {
        try pool.write { db in
            guard var state = try TicketClockState.fetch(db, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
            guard let open = state.openHold else { return try TicketRow.fetchOne(db, id: ticketID)! }
            state.holds[state.holds.count - 1].end = max(now, open.start)
            try save(db, state: state, note: "Hold ended, clocks run again — \(agent)", agent: agent, now: now)
            return try TicketRow.fetchOne(db, id: ticketID)!
        }
    }

    public func markNoResponseNeeded(ticketID: Int64, agent: String, now: Date) throws -> [DeadlineOutcome] {
        try pool.write { db in
            guard var state = try TicketClockState.fetch(db, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
            guard state.awaitingSince != nil else { return [] }
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM deadline_outcome WHERE ticket_id = ?", arguments: [ticketID]) ?? 0
            let facts = state.facts
            for clock in policy.clocks(for: facts) where clock.kind != .resolution && clock.started <= now {
                try DeadlineOutcomes.insert(db, ticketID: ticketID, clock: clock, facts: facts, settledAt: now,
                                            reason: .noResponseNeeded, policy: policy)
            }
            state.awaitingSince = nil
            try save(db, state: state, note: "No response needed — \(agent)", agent: agent, now: now)
            return Array(try DeadlineOutcomes.fetch(db, ticketID: ticketID).dropFirst(before))
        }
    }

    /// Writes the changed holds and awaiting time, a note for the thread, and the clocks that follow.
    private func save(_ db: Database, state: TicketClockState, note: String, agent: String, now: Date) throws {
        try db.execute(sql: "UPDATE ticket SET holds = ?, awaiting_since = ?, version = version + 1 WHERE id = ?",
                       arguments: [HoldCoding.encode(state.holds), state.awaitingSince?.timeIntervalSince1970, state.id])
        let sequence = try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE ticket_id = ?", arguments: [state.id]) ?? 0
        try db.execute(sql: """
            INSERT INTO message (ticket_id, external_id, direction, author, recipient, at, subject, body, language)
            VALUES (?, ?, 'note', ?, '', ?, '', ?, NULL)
            """, arguments: [state.id, "kefu-status-\(state.id)-\(sequence)-\(now.timeIntervalSince1970)", agent,
                             now.timeIntervalSince1970, note])
        try db.execute(sql: "UPDATE ticket SET message_count = message_count + 1 WHERE id = ?", arguments: [state.id])
        try TicketClockState.refreshClocks(db, id: state.id, policy: policy)
    }
}

extension SQLiteTicketStore: DeadlineRecomputing {
    /// Meta key holding the fingerprint of the policy the stored clocks were computed with.
    static let policyFingerprintKey = "policy_fingerprint"

    public func recomputeOpenDeadlines() throws -> Int {
        try pool.write { db in
            var moved = 0
            let states = try Row.fetchAll(db, sql: "SELECT \(TicketClockState.columns) FROM ticket WHERE status != 'solved'")
                .map(TicketClockState.decode)
            // The engine is pure and the bulk of the work: spread it over the cores, then write
            // the rows in order on this connection.
            // One thread: spread over the cores the engine ran slower (its shared calendars'
            // reference counts bounce between them), 0.88 s against 0.50 s for 100,000 tickets.
            let clocks = states.map { policy.clocks(for: $0.facts) }
            // Rewriting most rows one by one would update every queue index row by row; for a
            // large store it is several times faster to drop those indexes and build them again
            // sorted, inside the same transaction (readers keep their snapshot meanwhile).
            let rebuilt = states.count >= Self.bulkRecomputeThreshold ? try Self.dropTicketIndexes(db) : []
            for (state, stateClocks) in zip(states, clocks) {
                if try TicketClockState.writeClocks(db, state: state, clocks: stateClocks) { moved += 1 }
            }
            for sql in rebuilt { try db.execute(sql: sql) }
            if let fingerprint = policy.fingerprint {
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [Self.policyFingerprintKey, fingerprint])
            }
            return moved
        }
    }

    /// From how many open tickets a recompute rebuilds the ticket indexes instead of updating them.
    static let bulkRecomputeThreshold = 20_000

    /// Drops the ticket table's own indexes (not the UNIQUE constraint's) and returns the SQL
    /// that creates them again.
    static func dropTicketIndexes(_ db: Database) throws -> [String] {
        // Only the indexes over the columns a recompute writes.
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket' AND sql IS NOT NULL
              AND (sql LIKE '%queue_key%' OR sql LIKE '%needs_reply%' OR sql LIKE '%due_at%' OR sql LIKE '%warn_at%'
                   OR sql LIKE '%hold_reason%' OR sql LIKE '%clocks%')
            """)
        for index in indexes { try db.execute(sql: "DROP INDEX \(String.fromDatabaseValue(index["name"])!.quotedDatabaseIdentifier)") }
        return indexes.map { $0["sql"] }
    }

    /// Recomputes open deadlines when the policy differs from the one the store last used (a
    /// changed config file), so a policy edit applies to open tickets from that moment. Returns
    /// the number of tickets whose deadlines moved, nil when the policy had not changed.
    @discardableResult
    public func applyPolicyChangeIfNeeded() throws -> Int? {
        guard let fingerprint = policy.fingerprint else { return nil }
        let stored = try meta(Self.policyFingerprintKey)
        if stored == fingerprint { return nil }
        let moved = try recomputeOpenDeadlines()
        return stored == nil ? nil : moved
    }
}

extension HoldReason {
    /// The note the thread shows when a hold starts.
    var sentence: String {
        switch self {
        case .waitingOnCustomer: "Waiting on the customer, clocks paused"
        case .onHold: "On hold, clocks paused"
        }
    }
}
