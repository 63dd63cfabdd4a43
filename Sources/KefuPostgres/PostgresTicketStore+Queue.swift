import Foundation
import KefuCore

/// The queue as a keyset window on the (status, needs_reply, queue_key, id) indexes, as in the
/// SQLite store: moving through any number of tickets never reads more than a screenful.
extension PostgresTicketStore {
    /// The WHERE clause of a view (without the keyset part), its values, and the next `$n`.
    func condition(_ query: QueueQuery) -> (sql: String, values: [PostgresValue]) {
        var sql: String
        var values: [PostgresValue] = []
        func next(_ value: PostgresValue) -> String {
            values.append(value)
            return "$\(values.count)"
        }
        switch query.view {
        case .needsReply:
            sql = "status = 'open' AND needs_reply"
        case .allOpen:
            sql = "status = 'open'"
        case .overdue:
            sql = "status = 'open' AND needs_reply AND queue_key < \(next(.double(query.now.timeIntervalSince1970)))"
        case .dueSoon:
            sql = "status = 'open' AND needs_reply AND queue_key < \(next(.double(query.now.timeIntervalSince1970 + 3600)))"
        case .customerLast:
            sql = "status = 'open' AND last_from = 'customer'"
        }
        switch query.scope.assignee {
        case .anyone: break
        case .agent(let name): sql += " AND assignee = \(next(.text(name)))"
        case .unassigned: sql += " AND assignee IS NULL"
        }
        if let channel = query.scope.channel { sql += " AND channel = \(next(.text(channel.rawValue)))" }
        if let marketplace = query.scope.marketplace { sql += " AND marketplace = \(next(.text(marketplace.rawValue)))" }
        let filter = query.filter.trimmingCharacters(in: .whitespaces).lowercased()
        for word in filter.split(separator: " ") {
            sql += " AND strpos(search_text, \(next(.text(String(word))))) > 0"
        }
        // Snoozed tickets stay out of every view until their time (an anti-join on a small table).
        sql += " AND NOT EXISTS (SELECT 1 FROM ticket_snooze s WHERE s.ticket_id = ticket.id AND s.until > \(next(.double(query.now.timeIntervalSince1970))))"
        return (sql, values)
    }

    /// The SQL of one key stretch of the order, numbering its values after `values`.
    private func rangeCondition(_ range: QueueKeyRange, _ values: inout [PostgresValue]) -> String {
        var sql = ""
        if let lower = range.lower { values.append(.double(lower)); sql += " AND queue_key >= $\(values.count)" }
        if let upper = range.upper { values.append(.double(upper)); sql += " AND queue_key < $\(values.count)" }
        return sql
    }

    private func rangeIndex(_ ranges: [QueueKeyRange], of position: QueuePosition) -> Int {
        ranges.firstIndex { $0.contains(position.key) } ?? 0
    }

    /// The queue after `position`: the rest of its stretch of the order, then the following
    /// stretches from their start, each one keyset query on the index.
    public func queue(_ query: QueueQuery, after position: QueuePosition?, limit: Int) throws -> [Ticket] {
        try queue(query, after: position, limit: limit, onlyFreeFor: nil)
    }

    /// `onlyFreeFor`: leave out tickets another agent owns (the next ticket for this agent).
    func queue(_ query: QueueQuery, after position: QueuePosition?, limit: Int, onlyFreeFor agent: String?) throws -> [Ticket] {
        let ranges = query.ranges
        let first = position.map { rangeIndex(ranges, of: $0) } ?? 0
        var rows: [Ticket] = []
        for index in first..<ranges.count where rows.count < limit {
            var (sql, values) = condition(query)
            if let agent {
                values.append(.text(agent))
                sql += " AND (assignee IS NULL OR assignee = $\(values.count))"
            }
            sql += rangeCondition(ranges[index], &values)
            if let position, index == first {
                values += [.double(position.key), .int(position.id)]
                sql += " AND (queue_key, id) > ($\(values.count - 1), $\(values.count))"
            }
            values.append(.int(Int64(limit - rows.count)))
            rows += try session.query("""
                SELECT \(PostgresTicketRows.ticketColumns) FROM ticket WHERE \(sql) ORDER BY queue_key, id LIMIT $\(values.count)
                """, values).map(PostgresTicketRows.ticket)
        }
        return rows
    }

    public func queue(_ query: QueueQuery, before position: QueuePosition?, limit: Int) throws -> [Ticket] {
        let ranges = query.ranges
        let last = position.map { rangeIndex(ranges, of: $0) } ?? ranges.count - 1
        var rows: [Ticket] = []
        for index in stride(from: last, through: 0, by: -1) where rows.count < limit {
            var (sql, values) = condition(query)
            sql += rangeCondition(ranges[index], &values)
            if let position, index == last {
                values += [.double(position.key), .int(position.id)]
                sql += " AND (queue_key, id) < ($\(values.count - 1), $\(values.count))"
            }
            values.append(.int(Int64(limit - rows.count)))
            let part = try session.query("""
                SELECT \(PostgresTicketRows.ticketColumns) FROM ticket WHERE \(sql)
                ORDER BY queue_key DESC, id DESC LIMIT $\(values.count)
                """, values).map(PostgresTicketRows.ticket)
            rows = part.reversed() + rows
        }
        return rows
    }

    public func queueIndex(_ query: QueueQuery, of position: QueuePosition) throws -> Int {
        let ranges = query.ranges
        let at = rangeIndex(ranges, of: position)
        var count = 0
        for index in 0...at {
            var (sql, values) = condition(query)
            sql += rangeCondition(ranges[index], &values)
            if index == at {
                values += [.double(position.key), .int(position.id)]
                sql += " AND (queue_key, id) < ($\(values.count - 1), $\(values.count))"
            }
            count += Int(try session.query("SELECT count(*) FROM ticket WHERE \(sql)", values)[0].int(0))
        }
        return count
    }

    public func queueCount(_ query: QueueQuery) throws -> Int {
        let (sql, values) = condition(query)
        return Int(try session.query("SELECT count(*) FROM ticket WHERE \(sql)", values)[0].int(0))
    }

    public func queueCount(_ query: QueueQuery, band: TriageBand) throws -> Int {
        var (sql, values) = condition(query)
        sql += rangeCondition(query.triage.range(of: band, now: query.now), &values)
        return Int(try session.query("SELECT count(*) FROM ticket WHERE \(sql)", values)[0].int(0))
    }

    /// See `TicketStore.nextTicket`: the same rule as the SQLite store (snoozed tickets left out).
    public func nextTicket(for agent: String, after position: QueuePosition?, now: Date) throws -> Ticket? {
        let query = QueueQuery(view: .needsReply, now: now, order: .triage)
        if let found = try queue(query, after: position, limit: 1, onlyFreeFor: agent).first { return found }
        guard position != nil else { return nil }
        return try queue(query, after: nil, limit: 1, onlyFreeFor: agent).first
    }

    public func totals(now: Date) throws -> QueueTotals {
        let t = now.timeIntervalSince1970
        let row = try session.query("""
            SELECT count(*),
                   count(*) FILTER (WHERE needs_reply),
                   count(*) FILTER (WHERE needs_reply AND queue_key >= $1 AND queue_key < $2),
                   count(*) FILTER (WHERE needs_reply AND queue_key < $1),
                   (SELECT count(*) FROM follow_up WHERE done_at IS NULL AND due_at <= $1)
            FROM ticket WHERE status = 'open'
            """, [.double(t), .double(t + 3600)])[0]
        return QueueTotals(open: Int(try row.int(0)), needsReply: Int(try row.int(1)), dueWithinHour: Int(try row.int(2)),
                           overdue: Int(try row.int(3)), followUpsDue: Int(try row.int(4)))
    }

    public func ticket(id: Int64) throws -> Ticket? {
        try session.query("SELECT \(PostgresTicketRows.ticketColumns) FROM ticket WHERE id = $1", [.int(id)])
            .first.map(PostgresTicketRows.ticket)
    }

    public func clocks(ticketID: Int64) throws -> [ReplyClock] {
        ClockCoding.decode(try session.query("SELECT clocks FROM ticket WHERE id = $1", [.int(ticketID)]).first?.string(0) ?? "[]")
    }

    /// What the deadline policy is told about a ticket (for "why is this due then?").
    public func conversationFacts(ticketID: Int64) throws -> ConversationFacts? {
        try session.query("SELECT \(PostgresTicketRows.clockColumns) FROM ticket WHERE id = $1", [.int(ticketID)])
            .first.map { try PostgresTicketRows.clockState($0).facts }
    }

    /// How the deadlines of a ticket ended so far.
    public func deadlineOutcomes(ticketID: Int64) throws -> [DeadlineOutcome] {
        try session.transaction(readOnlySnapshot: true) { tx in try PostgresDeadlineOutcomes.fetch(tx, ticketID: ticketID) }
    }

    public func messages(ticketID: Int64) throws -> [Message] {
        try session.transaction(readOnlySnapshot: true) { tx in try Self.messages(tx, ticketID: ticketID) }
    }

    static func messages(_ tx: PostgresTransaction, ticketID: Int64) throws -> [Message] {
        let findings = try PostgresSafetyFindings.fetch(tx, ticketID: ticketID)
        let notes = try PostgresReadingNotes.fetch(tx, ticketID: ticketID)
        return try tx.query("""
            SELECT m.id, m.ticket_id, m.external_id, m.direction, m.author, m.recipient, m.at, m.subject, m.body, m.language,
                   o.state, o.attempts, o.last_error,
                   (SELECT string_agg(a.evidence_id, ' ' ORDER BY a.position) FROM outbox_attachment a WHERE a.outbox_id = o.id)
            FROM message m LEFT JOIN outbox o ON o.message_id = m.id WHERE m.ticket_id = $1 ORDER BY m.at, m.id
            """, [.int(ticketID)]).map { row in
            let state = try row.optionalString(10)
            let attempts = try row.optionalInt(11).map(Int.init) ?? 0
            let lastError = try row.optionalString(12)
            let attachments = try row.optionalString(13).map { $0.split(separator: " ").map(String.init) } ?? []
            var message = Message(
                id: try row.int(0), ticketID: try row.int(1), externalID: try row.string(2),
                direction: MessageDirection(rawValue: try row.string(3)) ?? .inbound, author: try row.string(4),
                recipient: try row.string(5), at: try row.date(6), subject: try row.string(7), body: try row.string(8),
                language: try row.optionalString(9),
                delivery: state.map { DeliveryState(state: $0, attempts: attempts, lastError: lastError, attachments: attachments) },
                findings: findings[try row.int(0)] ?? [])
            message.readingNotes = notes[message.id] ?? []
            return message
        }
    }

    /// How many tickets and messages the store holds.
    public func counts() throws -> (tickets: Int, messages: Int) {
        let row = try session.query("SELECT (SELECT count(*) FROM ticket), (SELECT count(*) FROM message)")[0]
        return (Int(try row.int(0)), Int(try row.int(1)))
    }
}
