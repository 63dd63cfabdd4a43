import Foundation
import GRDB
import KefuCore

/// Takes messages in: joins them to their conversation (or opens one), keeps the ticket's list
/// columns and deadline clocks current, skips messages already stored.
extension SQLiteTicketStore {
    /// Messages per transaction: big enough to be fast, small enough that a reader never waits long.
    static let ingestBatchSize = 2_000

    public func ingest(_ records: [IngestRecord]) throws -> IngestSummary {
        var summary = IngestSummary()
        var start = 0
        while start < records.count {
            let batch = records[start..<min(start + Self.ingestBatchSize, records.count)]
            let part = try pool.write { db in try self.ingestBatch(db, batch) }
            summary.added += part.added
            summary.duplicates += part.duplicates
            summary.newTickets += part.newTickets
            start += Self.ingestBatchSize
        }
        return summary
    }

    func ingestBatch(_ db: Database, _ records: ArraySlice<IngestRecord>) throws -> IngestSummary {
        var summary = IngestSummary()
        var touched = Set<Int64>()
        for record in records {
            if try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM message WHERE external_id = ?"), arguments: [record.id]) != nil {
                summary.duplicates += 1
                continue
            }
            let (ticketID, created) = try ticketID(db, for: record)
            if created { summary.newTickets += 1 }
            try insertMessage(db, ticketID: ticketID, record: record)
            try MessageEffects.apply(db, ticketID: ticketID, direction: record.direction, at: record.at,
                                     subject: record.subject, body: record.body, order: record.order,
                                     language: record.language, policy: policy, settle: true)
            touched.insert(ticketID)
            summary.added += 1
        }
        for id in touched { try TicketClockState.refreshClocks(db, id: id, policy: policy) }
        return summary
    }

    private func ticketID(_ db: Database, for record: IngestRecord) throws -> (Int64, Bool) {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM ticket WHERE conversation = ?"), arguments: [record.conversation]) {
            return (id, false)
        }
        let customer = record.customer
        let snippet = Snippet.of(record.body)
        try db.cachedStatement(sql: """
            INSERT INTO ticket (conversation, channel, marketplace, customer_name, customer_address, subject, snippet,
                                status, last_from, last_message_at, queue_key, language, order_id, search_text,
                                kind, tags, segment)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                record.conversation, record.channel.rawValue, record.marketplace.rawValue, customer.name,
                customer.address, record.subject, snippet,
                record.direction == .inbound ? Speaker.customer.rawValue : Speaker.agent.rawValue,
                record.at.timeIntervalSince1970, QueuePosition.noDeadlineKey, record.language, record.order,
                TicketRow.searchText(customer: customer.name, address: customer.address, subject: record.subject,
                                     snippet: snippet, order: record.order),
                (record.kind ?? .message).rawValue, TagCoding.encode(record.tags), record.segment,
            ])
        return (db.lastInsertedRowID, true)
    }

    private func insertMessage(_ db: Database, ticketID: Int64, record: IngestRecord) throws {
        try db.cachedStatement(sql: """
            INSERT INTO message (ticket_id, external_id, direction, author, recipient, at, subject, body, language)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                ticketID, record.id, record.direction.rawValue, record.from, record.to,
                record.at.timeIntervalSince1970, record.subject, record.body, record.language,
            ])
    }
}

/// The first line of a message, trimmed, for the queue's snippet column.
enum Snippet {
    static func of(_ body: String) -> String {
        let line = body.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .first { !$0.unicodeScalars.allSatisfy { CharacterSet.whitespaces.contains($0) } } ?? ""
        return String(line.trimmingCharacters(in: .whitespaces).prefix(160))
    }
}

/// How one new message changes its ticket: who spoke last, what the queue shows, which clocks
/// run. Shared by ingest and by sending, so both keep the same rules.
enum MessageEffects {
    static func apply(
        _ db: Database, ticketID: Int64, direction: MessageDirection, at: Date, subject: String, body: String,
        order: String?, language: String?, policy: any DeadlinePolicy, settle: Bool
    ) throws {
        guard var state = try TicketClockState.fetch(db, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
        let lastMessageAt = try Double.fetchOne(db.cachedStatement(sql: "SELECT last_message_at FROM ticket WHERE id = ?"), arguments: [ticketID]) ?? 0
        let isLatest = at.timeIntervalSince1970 >= lastMessageAt
        switch direction {
        case .inbound:
            if state.lastOutboundAt.map({ at > $0 }) ?? true {
                state.awaitingSince = min(state.awaitingSince ?? at, at)
            }
            if state.status != .open { state.status = .open }
            state.openedAt = min(state.openedAt ?? at, at)
            // The customer answered: waiting on them is over, and the paused clocks run again.
            if let hold = state.openHold, hold.reason == .waitingOnCustomer, at >= hold.start {
                state.holds[state.holds.count - 1].end = at
            }
        case .outbound:
            if state.lastOutboundAt.map({ at > $0 }) ?? true {
                if settle {
                    // The reply clocks running until now end with this reply: record how they ended.
                    // (A resolution clock ends when the ticket is solved, not when it is answered.)
                    let facts = state.facts
                    let running = policy.clocks(for: facts).filter { $0.started <= at && $0.kind != .resolution }
                    for clock in running {
                        try DeadlineOutcomes.insert(db, ticketID: ticketID, clock: clock, facts: facts, settledAt: at, policy: policy)
                    }
                }
                state.lastOutboundAt = at
                state.hasReplied = true
                state.awaitingSince = try Double.fetchOne(db, sql: """
                    SELECT min(at) FROM message WHERE ticket_id = ? AND direction = 'in' AND at > ?
                    """, arguments: [ticketID, at.timeIntervalSince1970]).map(Date.init(timeIntervalSince1970:))
            }
        case .note:
            break
        }
        var assignments = """
            status = ?, awaiting_since = ?, has_replied = ?, last_outbound_at = ?, opened_at = ?, holds = ?,
            message_count = message_count + 1, version = version + 1
            """
        var arguments: StatementArguments = [
            state.status.rawValue, state.awaitingSince?.timeIntervalSince1970, state.hasReplied,
            state.lastOutboundAt?.timeIntervalSince1970, state.openedAt?.timeIntervalSince1970, HoldCoding.encode(state.holds),
        ]
        if isLatest && direction != .note {
            assignments += ", last_message_at = ?, last_from = ?, snippet = ?"
            arguments += [at.timeIntervalSince1970, direction == .inbound ? "customer" : "agent", Snippet.of(body)]
        }
        if let order, !order.isEmpty {
            assignments += ", order_id = coalesce(order_id, ?)"
            arguments += [order]
        }
        if let language, direction == .inbound {
            assignments += ", language = coalesce(language, ?)"
            arguments += [language]
        }
        arguments += [ticketID]
        try db.cachedStatement(sql: "UPDATE ticket SET \(assignments) WHERE id = ?").execute(arguments: arguments)
        if isLatest && direction != .note {
            // Lower-cased in Swift: SQLite's lower() only knows ASCII, and the filter must match Анна and ZOÉ.
            if let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT customer_name, customer_address, subject, snippet, order_id FROM ticket WHERE id = ?
                """), arguments: [ticketID]) {
                let text = TicketRow.searchText(customer: row[0], address: row[1], subject: row[2], snippet: row[3], order: row[4])
                try db.cachedStatement(sql: "UPDATE ticket SET search_text = ? WHERE id = ?").execute(arguments: [text, ticketID])
            }
        }
    }
}

/// Rows recording how each deadline ended, for the team-lead meters.
enum DeadlineOutcomes {
    static func insert(
        _ db: Database, ticketID: Int64, clock: ReplyClock, facts: ConversationFacts, settledAt: Date,
        reason: SLASettlement.Reason = .replied, policy: any DeadlinePolicy
    ) throws {
        let outcome = DeadlineOutcome.settle(clock, ticketID: ticketID, facts: facts, at: settledAt, reason: reason, policy: policy)
        try db.cachedStatement(sql: """
            INSERT INTO deadline_outcome (ticket_id, kind, policy, business, started, due, settled_at, met,
                                          elapsed_calendar, elapsed_business, excused, paused_seconds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                ticketID, clock.kind.rawValue, clock.policy, clock.business, clock.started.timeIntervalSince1970,
                clock.due.timeIntervalSince1970, settledAt.timeIntervalSince1970, outcome.met,
                outcome.elapsedCalendarSeconds, outcome.elapsedBusinessSeconds, outcome.excused, outcome.pausedSeconds,
            ])
    }

    static func fetch(_ db: Database, ticketID: Int64) throws -> [DeadlineOutcome] {
        try Row.fetchAll(db, sql: """
            SELECT kind, policy, business, started, due, settled_at, met, elapsed_calendar, elapsed_business,
                   excused, paused_seconds
            FROM deadline_outcome WHERE ticket_id = ? ORDER BY id
            """, arguments: [ticketID]).map { row in
            let started = Date(timeIntervalSince1970: row[3]), due = Date(timeIntervalSince1970: row[4])
            return DeadlineOutcome(
                ticketID: ticketID,
                clock: ReplyClock(kind: ClockKind(rawValue: row[0]) ?? .firstReply, policy: row[1], started: started,
                                  due: due, target: due.timeIntervalSince(started), business: row[2]),
                settledAt: Date(timeIntervalSince1970: row[5]), met: row[6],
                elapsedCalendarSeconds: row[7], elapsedBusinessSeconds: row[8], excused: row[9], pausedSeconds: row[10])
        }
    }
}
