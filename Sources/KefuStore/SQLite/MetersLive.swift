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
///
/// The week's answers (for the 7-day percentiles; hundreds of thousands on a busy store) are
/// loaded and sorted on another thread, started by the second read of the day (a second after
/// the first paint, which thus has the cores to itself), so neither the first paint nor a
/// refresh waits for them: until they are in, `week` is nil. New answers are then inserted into
/// the sorted lists (merged when they come in a burst).
final class SQLiteLiveMeters: LiveMeters {
    let store: SQLiteTicketStore
    let timeZone: TimeZone
    private var day: Date?
    private var lastOutcomeID: Int64 = 0
    private var answers: [AnswerSample] = []
    /// The 7-day answers, sorted per subject, once loaded.
    private var week: ResponseTimes?
    /// The load under way and the answers that arrived meanwhile (added once it is in).
    private var weekLoad: WeekLoad?
    /// What the first read of a day noted for the load: the window's start, the last record, now.
    private var weekToLoad: (since: Date, throughID: Int64, now: Date)?
    private var arrivedDuringLoad: [AnswerSample] = []
    /// Answers settled after the instant read (a clock ahead of ours): added when it is reached.
    private var ahead: [AnswerSample] = []
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
            let newest = try readAnswers(db, windows)
            try readTickets(db)
            adoptWeek(now: now)
            // The first read (the first paint) only notes what to load; the next one, a second
            // later, starts the load, so the first paint never shares the two cores with it.
            if weekLoad == nil, week == nil {
                if let noted = weekToLoad { startWeek(noted) } else { weekToLoad = (windows.days7, newest, windows.now) }
            }
            return MeterInputs(
                windows: windows, answersToday: answers.filter { $0.settledAt <= now },
                settled: try MetersQueries.settled(db, windows),
                open: tallyOpen(windows),
                traffic: try MetersQueries.traffic(db, now: now), week: week)
        }
    }

    private func answer(_ row: Row) -> AnswerSample {
        AnswerSample(group: MetersQueries.group(row, from: 0), kind: ClockKind(rawValue: row[3]) ?? .nextReply, elapsed: row[4],
                     settledAt: Date(timeIntervalSince1970: row[5]))
    }

    /// Returns the newest deadline record id this read covers.
    private func readAnswers(_ db: Database, _ windows: MeterWindows) throws -> Int64 {
        let newest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM deadline_outcome") ?? 0
        if day != windows.today {
            // A new day (or the first read): today's answers from the partial index.
            answers = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(Self.answerColumns) FROM deadline_outcome INDEXED BY deadline_outcome_answers
                WHERE answer = 1 AND settled_at >= ? AND id <= ?
                """), arguments: [windows.today.timeIntervalSince1970, newest]).map(answer)
            day = windows.today
            // The week is loaded again, up to the same record, on another thread (see `read`).
            week = nil
            weekLoad = nil
            weekToLoad = nil
            arrivedDuringLoad = []
            ahead = []
        } else if newest > lastOutcomeID {
            let added = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(Self.answerColumns) FROM deadline_outcome
                WHERE id > ? AND id <= ? AND answer = 1 AND settled_at >= ?
                """), arguments: [lastOutcomeID, newest, windows.days7.timeIntervalSince1970]).map(answer)
            answers += added.filter { $0.settledAt >= windows.today }
            if week == nil { arrivedDuringLoad += added } else { ahead += added }
        }
        lastOutcomeID = newest
        return newest
    }

    /// Takes the loaded week when it is ready, and adds the answers whose instant has come.
    private func adoptWeek(now: Date) {
        if let load = weekLoad, let loaded = load.result() {
            week = loaded.times
            ahead += loaded.ahead + arrivedDuringLoad
            arrivedDuringLoad = []
            weekLoad = nil
        }
        guard week != nil, !ahead.isEmpty else { return }
        let due = ahead.filter { $0.settledAt <= now }
        ahead.removeAll { $0.settledAt <= now }
        week!.add(contentsOf: due)
    }

    private func startWeek(_ noted: (since: Date, throughID: Int64, now: Date)) {
        weekLoad = WeekLoad.start(store: store, since: noted.since, throughID: noted.throughID, now: noted.now)
        weekToLoad = nil
    }

    func waitUntilComplete() {
        if weekLoad == nil, week == nil, let noted = weekToLoad { startWeek(noted) }
        weekLoad?.wait()
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

/// One load of the 7-day answers on a background thread: read from the partial index up to a
/// record id, sorted per subject there, handed over under a lock.
final class WeekLoad: @unchecked Sendable {
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var loaded: (times: ResponseTimes, ahead: [AnswerSample])?
    private var waited = false

    static func start(store: SQLiteTicketStore, since start: Date, throughID: Int64, now: Date) -> WeekLoad {
        let load = WeekLoad()
        DispatchQueue.global(qos: .userInitiated).async {
            // A failed read leaves the week empty rather than stopping the dashboard.
            let samples = (try? store.pool.read { db in try MetersQueries.answers(db, since: start, throughID: throughID) }) ?? []
            let times = ResponseTimes(samples.filter { $0.settledAt <= now })
            load.lock.withLock { load.loaded = (times, samples.filter { $0.settledAt > now }) }
            load.finished.signal()
        }
        return load
    }

    /// The loaded week, or nil while the load runs.
    func result() -> (times: ResponseTimes, ahead: [AnswerSample])? {
        lock.withLock { loaded }
    }

    /// Blocks until the load is done (tests and benchmarks).
    func wait() {
        let already = lock.withLock { () -> Bool in
            defer { waited = true }
            return waited
        }
        if !already { finished.wait() }
    }
}
