import Foundation
import GRDB
import KefuCore

/// The queue, read as a window through keyset queries on the (status, needs_reply, queue_key, id)
/// index: moving through 100,000 tickets never reads more than a screenful.
extension SQLiteTicketStore {
    /// The WHERE clause of a view (without the keyset part) and its arguments. Snoozed tickets
    /// are left out until their time; the clause is only added while some snooze is running,
    /// so the counts of an ordinary queue stay on the index alone.
    func condition(_ query: QueueQuery, _ db: Database) throws -> (sql: String, arguments: StatementArguments) {
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
        if try TicketSnoozes.anyRunning(db, now: query.now) {
            sql += " AND id NOT IN (SELECT ticket_id FROM ticket_snooze WHERE until > ?)"
            arguments += [query.now.timeIntervalSince1970]
        }
        return (sql, arguments)
    }

    /// The SQL of one key stretch of the order.
    func rangeCondition(_ range: QueueKeyRange) -> (sql: String, arguments: StatementArguments) {
        var sql = ""
        var arguments: StatementArguments = []
        if let lower = range.lower { sql += " AND queue_key >= ?"; arguments += [lower] }
        if let upper = range.upper { sql += " AND queue_key < ?"; arguments += [upper] }
        return (sql, arguments)
    }

    /// Which of the order's stretches holds a position.
    private func rangeIndex(_ ranges: [QueueKeyRange], of position: QueuePosition) -> Int {
        ranges.firstIndex { $0.contains(position.key) } ?? 0
    }

    /// The queue after `position`: the rest of its stretch, then the following stretches from
    /// their start, each one keyset query on the index.
    public func queue(_ query: QueueQuery, after position: QueuePosition?, limit: Int) throws -> [Ticket] {
        try queue(query, after: position, limit: limit, extra: ("", []))
    }

    /// `queue(_:after:limit:)` narrowed by one more clause (the next ticket's "nobody else's").
    func queue(
        _ query: QueueQuery, after position: QueuePosition?, limit: Int, extra: (sql: String, arguments: StatementArguments)
    ) throws -> [Ticket] {
        let ranges = query.ranges
        let first = position.map { rangeIndex(ranges, of: $0) } ?? 0
        return try pool.read { db in
            var (base, baseArguments) = try condition(query, db)
            base += extra.sql
            baseArguments += extra.arguments
            var rows: [Ticket] = []
            for index in first..<ranges.count where rows.count < limit {
                var (sql, arguments) = rangeCondition(ranges[index])
                sql = base + sql
                arguments = baseArguments + arguments
                if let position, index == first {
                    sql += " AND (queue_key, id) > (?, ?)"
                    arguments += [position.key, position.id]
                }
                arguments += [limit - rows.count]
                rows += try Row.fetchAll(db, sql: """
                    SELECT \(TicketRow.columns) FROM ticket WHERE \(sql) ORDER BY queue_key, id LIMIT ?
                    """, arguments: arguments).map(TicketRow.decode)
            }
            return rows
        }
    }

    public func queue(_ query: QueueQuery, before position: QueuePosition?, limit: Int) throws -> [Ticket] {
        let ranges = query.ranges
        let last = position.map { rangeIndex(ranges, of: $0) } ?? ranges.count - 1
        return try pool.read { db in
            let (base, baseArguments) = try condition(query, db)
            var rows: [Ticket] = []
            for index in stride(from: last, through: 0, by: -1) where rows.count < limit {
                var (sql, arguments) = rangeCondition(ranges[index])
                sql = base + sql
                arguments = baseArguments + arguments
                if let position, index == last {
                    sql += " AND (queue_key, id) < (?, ?)"
                    arguments += [position.key, position.id]
                }
                arguments += [limit - rows.count]
                let part = try Row.fetchAll(db, sql: """
                    SELECT \(TicketRow.columns) FROM ticket WHERE \(sql) ORDER BY queue_key DESC, id DESC LIMIT ?
                    """, arguments: arguments).map(TicketRow.decode)
                rows = part.reversed() + rows
            }
            return rows
        }
    }

    public func queueIndex(_ query: QueueQuery, of position: QueuePosition) throws -> Int {
        let ranges = query.ranges
        let at = rangeIndex(ranges, of: position)
        return try pool.read { db in
            if let tally = tallied(query) {
                return try (0...at).reduce(0) { count, index in
                    count + (try talliedCount(db, query, tally, range: ranges[index], before: index == at ? position : nil))
                }
            }
            let (base, baseArguments) = try condition(query, db)
            var count = 0
            for index in 0...at {
                var (sql, arguments) = rangeCondition(ranges[index])
                sql = base + sql
                arguments = baseArguments + arguments
                if index == at {
                    sql += " AND (queue_key, id) < (?, ?)"
                    arguments += [position.key, position.id]
                }
                count += try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE \(sql)", arguments: arguments) ?? 0
            }
            return count
        }
    }

    public func queueCount(_ query: QueueQuery) throws -> Int {
        try pool.read { db in
            if let tally = tallied(query) { return try talliedCount(db, query, tally, range: .everything) }
            let (sql, arguments) = try condition(query, db)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE \(sql)", arguments: arguments) ?? 0
        }
    }

    public func queueCount(_ query: QueueQuery, band: TriageBand) throws -> Int {
        let range = query.triage.range(of: band, now: query.now)
        return try pool.read { db in
            if let tally = tallied(query) { return try talliedCount(db, query, tally, range: range) }
            let (base, baseArguments) = try condition(query, db)
            let (sql, arguments) = rangeCondition(range)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE \(base + sql)", arguments: baseArguments + arguments) ?? 0
        }
    }

    /// The status bar's totals, from the tally (snoozed tickets count here as before).
    public func totals(now: Date) throws -> QueueTotals {
        let t = now.timeIntervalSince1970
        return try pool.read { db in
            let overdue = try QueueTally.below(db, .reply, key: t)
            return QueueTotals(
                open: try QueueTally.total(db, .open), needsReply: try QueueTally.total(db, .reply),
                dueWithinHour: try QueueTally.below(db, .reply, key: t + 3600) - overdue, overdue: overdue,
                followUpsDue: try FollowUpRows.dueCount(db, now: now))
        }
    }

    /// The tally list and key bound a view is counted from; nil when a filter or a team scope
    /// narrows the query (those are counted on the index, which reads the matching rows).
    func tallied(_ query: QueueQuery) -> (list: QueueTally.List, upper: Double?)? {
        guard query.scope.isEverything, query.filter.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let now = query.now.timeIntervalSince1970
        switch query.view {
        case .needsReply: return (.reply, nil)
        case .allOpen: return (.open, nil)
        case .overdue: return (.reply, now)
        case .dueSoon: return (.reply, now + 3600)
        case .customerLast: return (.customer, nil)
        }
    }

    /// The view's tickets in one key stretch (before a position, when given): the tally's count
    /// less the snoozed tickets it holds, which are few and read through the snooze index.
    func talliedCount(
        _ db: Database, _ query: QueueQuery, _ tally: (list: QueueTally.List, upper: Double?), range: QueueKeyRange,
        before position: QueuePosition? = nil
    ) throws -> Int {
        let upper = [tally.upper, range.upper].compactMap { $0 }.min()
        let count = try QueueTally.count(db, tally.list, lower: range.lower, upper: upper, before: position)
        guard try TicketSnoozes.anyRunning(db, now: query.now) else { return count }
        var (sql, arguments) = rangeCondition(QueueKeyRange(lower: range.lower, upper: upper))
        if let position {
            sql += " AND (queue_key, id) < (?, ?)"
            arguments += [position.key, position.id]
        }
        let snoozed = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM ticket WHERE id IN (SELECT ticket_id FROM ticket_snooze WHERE until > ?)
              AND \(tally.list.predicate("ticket"))\(sql)
            """, arguments: [query.now.timeIntervalSince1970] + arguments) ?? 0
        return count - snoozed
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
            let notes = try ReadingNoteRows.fetch(db, ticketID: ticketID)
            return try Row.fetchAll(db, sql: """
                SELECT m.id, m.ticket_id, m.external_id, m.direction, m.author, m.recipient, m.at, m.subject, m.body, m.language,
                       o.state, o.attempts, o.last_error,
                       (SELECT group_concat(evidence_id, ' ') FROM
                           (SELECT evidence_id FROM outbox_attachment a WHERE a.outbox_id = o.id ORDER BY a.position))
                FROM message m LEFT JOIN outbox o ON o.message_id = m.id WHERE m.ticket_id = ? ORDER BY m.at, m.id
                """, arguments: [ticketID]).map { row in
                var message = Message(
                    id: row[0], ticketID: row[1], externalID: row[2],
                    direction: MessageDirection(rawValue: row[3]) ?? .inbound, author: row[4], recipient: row[5],
                    at: Date(timeIntervalSince1970: row[6]), subject: row[7], body: row[8], language: row[9],
                    delivery: (row[10] as String?).map {
                        DeliveryState(state: $0, attempts: row[11], lastError: row[12],
                                      attachments: (row[13] as String?).map { $0.split(separator: " ").map(String.init) } ?? [])
                    },
                    findings: findings[row[0]] ?? [])
                message.readingNotes = notes[message.id] ?? []
                return message
            }
        }
    }
}
