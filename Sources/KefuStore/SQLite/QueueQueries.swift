import Foundation
import GRDB
import KefuCore

/// The queue, read as a window through keyset queries on the (status, needs_reply, queue_key, id)
/// index: moving through 100,000 tickets never reads more than a screenful.
extension SQLiteTicketStore {
    /// The WHERE clause of a view (without the keyset part) and its arguments.
    func condition(_ query: QueueQuery) -> (sql: String, arguments: StatementArguments) {
        var sql: String
        var arguments: StatementArguments = []
        switch query.view {
        case .needsReply:
            sql = "status = 'open' AND needs_reply = 1"
        case .allOpen:
            sql = "status = 'open'"
        case .overdue:
            sql = "status = 'open' AND needs_reply = 1 AND queue_key < ?"
            arguments += [query.now.timeIntervalSince1970]
        case .dueSoon:
            sql = "status = 'open' AND needs_reply = 1 AND queue_key < ?"
            arguments += [query.now.timeIntervalSince1970 + 3600]
        case .customerLast:
            sql = "status = 'open' AND last_from = 'customer'"
        }
        let (scopeSQL, scopeArguments) = QueueScopeCondition.sql(query.scope)
        sql += scopeSQL
        arguments += scopeArguments
        let filter = query.filter.trimmingCharacters(in: .whitespaces).lowercased()
        if !filter.isEmpty {
            for word in filter.split(separator: " ") {
                sql += " AND instr(search_text, ?) > 0"
                arguments += [String(word)]
            }
        }
        return (sql, arguments)
    }

    public func queue(_ query: QueueQuery, after position: QueuePosition?, limit: Int) throws -> [Ticket] {
        var (sql, arguments) = condition(query)
        if let position {
            sql += " AND (queue_key, id) > (?, ?)"
            arguments += [position.key, position.id]
        }
        arguments += [limit]
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(TicketRow.columns) FROM ticket WHERE \(sql) ORDER BY queue_key, id LIMIT ?
                """, arguments: arguments).map(TicketRow.decode)
        }
    }

    public func queue(_ query: QueueQuery, before position: QueuePosition?, limit: Int) throws -> [Ticket] {
        var (sql, arguments) = condition(query)
        if let position {
            sql += " AND (queue_key, id) < (?, ?)"
            arguments += [position.key, position.id]
        }
        arguments += [limit]
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(TicketRow.columns) FROM ticket WHERE \(sql) ORDER BY queue_key DESC, id DESC LIMIT ?
                """, arguments: arguments).map(TicketRow.decode).reversed()
        }
    }

    public func queueIndex(_ query: QueueQuery, of position: QueuePosition) throws -> Int {
        var (sql, arguments) = condition(query)
        sql += " AND (queue_key, id) < (?, ?)"
        arguments += [position.key, position.id]
        return try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE \(sql)", arguments: arguments) ?? 0 }
    }

    public func queueCount(_ query: QueueQuery) throws -> Int {
        let (sql, arguments) = condition(query)
        return try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE \(sql)", arguments: arguments) ?? 0 }
    }

    public func totals(now: Date) throws -> QueueTotals {
        let t = now.timeIntervalSince1970
        return try pool.read { db in
            let open = try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE status = 'open'") ?? 0
            let needs = try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE status = 'open' AND needs_reply = 1") ?? 0
            let overdue = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM ticket WHERE status = 'open' AND needs_reply = 1 AND queue_key < ?
                """, arguments: [t]) ?? 0
            let soon = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM ticket WHERE status = 'open' AND needs_reply = 1 AND queue_key >= ? AND queue_key < ?
                """, arguments: [t, t + 3600]) ?? 0
            return QueueTotals(open: open, needsReply: needs, dueWithinHour: soon, overdue: overdue)
        }
    }

    public func ticket(id: Int64) throws -> Ticket? {
        try pool.read { db in try TicketRow.fetchOne(db, id: id) }
    }

    /// The running clocks of a ticket (all of them, not only the nearest).
    public func clocks(ticketID: Int64) throws -> [ReplyClock] {
        try pool.read { db in
            ClockCoding.decode(try String.fetchOne(db, sql: "SELECT clocks FROM ticket WHERE id = ?", arguments: [ticketID]) ?? "[]")
        }
    }

    /// What the deadline policy is told about a ticket (for "why is this due then?").
    public func conversationFacts(ticketID: Int64) throws -> ConversationFacts? {
        try pool.read { db in try TicketClockState.fetch(db, id: ticketID)?.facts }
    }

    /// How the deadlines of a ticket ended so far.
    public func deadlineOutcomes(ticketID: Int64) throws -> [DeadlineOutcome] {
        try pool.read { db in try DeadlineOutcomes.fetch(db, ticketID: ticketID) }
    }

    public func messages(ticketID: Int64) throws -> [Message] {
        try pool.read { db in
            let findings = try SafetyFindingRows.fetch(db, ticketID: ticketID)
            return try Row.fetchAll(db, sql: """
                SELECT m.id, m.ticket_id, m.external_id, m.direction, m.author, m.recipient, m.at, m.subject, m.body, m.language,
                       o.state, o.attempts, o.last_error,
                       (SELECT group_concat(evidence_id, ' ') FROM
                           (SELECT evidence_id FROM outbox_attachment a WHERE a.outbox_id = o.id ORDER BY a.position))
                FROM message m LEFT JOIN outbox o ON o.message_id = m.id WHERE m.ticket_id = ? ORDER BY m.at, m.id
                """, arguments: [ticketID]).map { row in
                Message(
                    id: row[0], ticketID: row[1], externalID: row[2],
                    direction: MessageDirection(rawValue: row[3]) ?? .inbound, author: row[4], recipient: row[5],
                    at: Date(timeIntervalSince1970: row[6]), subject: row[7], body: row[8], language: row[9],
                    delivery: (row[10] as String?).map {
                        DeliveryState(state: $0, attempts: row[11], lastError: row[12],
                                      attachments: (row[13] as String?).map { $0.split(separator: " ").map(String.init) } ?? [])
                    },
                    findings: findings[row[0]] ?? [])
            }
        }
    }
}
