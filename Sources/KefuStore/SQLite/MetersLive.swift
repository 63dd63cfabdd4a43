import Foundation
import GRDB
import KefuCore

extension SQLiteTicketStore {
    public func liveMeters(timeZone: TimeZone) -> any LiveMeters {
        SQLiteLiveMeters(store: self, timeZone: timeZone)
    }
}

/// The dashboard's live reader. The first read loads today's answers and the open tickets; each
/// later read takes only the deadline records added since (by id) and re-reads the tickets named
/// by the rows added since to the tables that number every change of a ticket the meters use:
/// `message` (new messages, replies, notes of holds and "no response needed"), `assignment` and
/// `ticket_outcome_history` (solving). Deadlines moved by a policy change are caught by the
/// policy fingerprint in `meta`, which makes the next read a full one. A refresh costs what
/// changed, not the size of the store. The rollup sums and hourly traffic are small and read whole.
final class SQLiteLiveMeters: LiveMeters {
    let store: SQLiteTicketStore
    let timeZone: TimeZone
    private var day: Date?
    private var lastOutcomeID: Int64 = 0
    private var answers: [AnswerSample] = []
    /// Open tickets as small records: group number, nearest due when a reply is needed, waiting since.
    private var open: [Int64: (group: Int, due: Double?, awaitingSince: Double?)] = [:]
    private var groups: [MeterGroup] = []
    private var groupNumbers: [MeterGroup: Int] = [:]

    init(store: SQLiteTicketStore, timeZone: TimeZone) {
        self.store = store
        self.timeZone = timeZone
    }

    static let answerColumns = "agent, channel, marketplace, kind, elapsed_calendar, settled_at"
    static let ticketColumns = "id, assignee, channel, marketplace, needs_reply, queue_key, awaiting_since, status"

    func read(now: Date) throws -> MeterInputs {
        let windows = MeterWindows(now: now, timeZone: timeZone)
        return try store.pool.read { db in
            try readAnswers(db, windows)
            try readTickets(db)
            return MeterInputs(
                windows: windows, answersToday: answers.filter { $0.settledAt <= now },
                settled: try MetersQueries.settled(db, windows),
                open: tallyOpen(windows),
                traffic: try MetersQueries.traffic(db, now: now))
        }
    }

    private func answer(_ row: Row) -> AnswerSample {
        AnswerSample(group: MetersQueries.group(row, from: 0), kind: ClockKind(rawValue: row[3]) ?? .nextReply, elapsed: row[4],
                     settledAt: Date(timeIntervalSince1970: row[5]))
    }

    private func readAnswers(_ db: Database, _ windows: MeterWindows) throws {
        let newest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM deadline_outcome") ?? 0
        if day != windows.today {
            // A new day (or the first read): today's answers from the partial index.
            answers = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(Self.answerColumns) FROM deadline_outcome INDEXED BY deadline_outcome_answers
                WHERE answer = 1 AND settled_at >= ? AND id <= ?
                """), arguments: [windows.today.timeIntervalSince1970, newest]).map(answer)
            day = windows.today
        } else if newest > lastOutcomeID {
            answers += try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(Self.answerColumns) FROM deadline_outcome
                WHERE id > ? AND id <= ? AND answer = 1 AND settled_at >= ?
                """), arguments: [lastOutcomeID, newest, windows.today.timeIntervalSince1970]).map(answer)
        }
        lastOutcomeID = newest
    }

    private func state(_ row: Row) -> (group: Int, due: Double?, awaitingSince: Double?) {
        let group = MetersQueries.group(row, from: 1)
        let number: Int
        if let known = groupNumbers[group] {
            number = known
        } else {
            number = groups.count
            groups.append(group)
            groupNumbers[group] = number
        }
        let needsReply: Bool = row[4]
        return (number, needsReply ? row[5] as Double : nil, row[6] as Double?)
    }

    private func tallyOpen(_ windows: MeterWindows) -> [OpenTally] {
        var counter = OpenTallyCounter(windows: windows)
        for ticket in open.values { counter.add(group: ticket.group, due: ticket.due, awaitingSince: ticket.awaitingSince) }
        return counter.tallies(groups: groups)
    }

    /// Newest ids seen of the tables that name changed tickets, and the policy fingerprint.
    private var seen: (message: Int64, assignment: Int64, outcome: Int64, policy: String?)?

    private func readTickets(_ db: Database) throws {
        let newest = (
            message: try Int64.fetchOne(db, sql: "SELECT max(id) FROM message") ?? 0,
            assignment: try Int64.fetchOne(db, sql: "SELECT max(id) FROM assignment") ?? 0,
            outcome: try Int64.fetchOne(db, sql: "SELECT max(id) FROM ticket_outcome_history") ?? 0,
            policy: try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [SQLiteTicketStore.policyFingerprintKey]))
        defer { seen = newest }
        if let last = seen, last.policy == newest.policy {
            guard newest.message > last.message || newest.assignment > last.assignment || newest.outcome > last.outcome else { return }
            let ids = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT ticket_id FROM message WHERE id > ? AND id <= ?
                UNION SELECT ticket_id FROM assignment WHERE id > ? AND id <= ?
                UNION SELECT ticket_id FROM ticket_outcome_history WHERE id > ? AND id <= ?
                """), arguments: [last.message, newest.message, last.assignment, newest.assignment, last.outcome, newest.outcome])
            for id in ids {
                if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.ticketColumns) FROM ticket WHERE id = ?"), arguments: [id]),
                   (row[7] as String) == TicketStatus.open.rawValue {
                    open[id] = state(row)
                } else {
                    open[id] = nil
                }
            }
        } else {
            // The first read, or the deadline policy changed: read every open ticket.
            var all: [Int64: (group: Int, due: Double?, awaitingSince: Double?)] = [:]
            all.reserveCapacity(open.count)
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(Self.ticketColumns) FROM ticket WHERE status = 'open'"))
            while let row = try rows.next() { all[row[0]] = state(row) }
            open = all
        }
    }
}
