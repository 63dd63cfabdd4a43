import Foundation
import KefuCore

/// The dashboard's tallies on the shared store, from the same tables as SQLite's: the hourly
/// rollups the `deadline_outcome_credit` and `message_meters` triggers keep on write, the
/// partial index of answers, and the open tickets grouped on the server.
extension PostgresTicketStore: MetersStore {
    public func meterInputs(now: Date, timeZone: TimeZone) throws -> MeterInputs {
        let windows = MeterWindows(now: now, timeZone: timeZone)
        // One snapshot, so the figures agree with each other while others write.
        return try session.transaction(readOnlySnapshot: true) { tx in
            let week = try PostgresMeters.answers(tx, since: windows.days7).filter { $0.settledAt <= now }
            return MeterInputs(
                windows: windows, answersToday: week.filter { $0.settledAt >= windows.today },
                settled: try PostgresMeters.settled(tx, windows), open: try PostgresMeters.open(tx, windows),
                traffic: try PostgresMeters.traffic(tx, now: now), week: ResponseTimes(week))
        }
    }

    public func liveMeters(timeZone: TimeZone) -> any LiveMeters {
        PostgresLiveMeters(store: self, timeZone: timeZone)
    }
}

enum PostgresMeters {
    static func hour(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / 3600).rounded(.down)) }

    static func group(_ row: PostgresResultRow, from index: Int) throws -> MeterGroup {
        let agent = try row.optionalString(index)
        return MeterGroup(
            agent: (agent?.isEmpty ?? true) ? nil : agent,
            channel: Channel(rawValue: try row.optionalString(index + 1) ?? "") ?? .email,
            marketplace: Marketplace(rawValue: try row.optionalString(index + 2) ?? "") ?? .other)
    }

    static let answerColumns = "id, agent, channel, marketplace, kind, elapsed_calendar, settled_at"

    /// An answer row of `answerColumns`, with its record id.
    static func answer(_ row: PostgresResultRow) throws -> (id: Int64, sample: AnswerSample) {
        let kind = try row.string(4)
        return (try row.int(0), AnswerSample(
            group: try group(row, from: 1), kind: kind == ClockKind.firstReply.rawValue ? .firstReply : ClockKind(rawValue: kind) ?? .nextReply,
            elapsed: try row.double(5), settledAt: try row.date(6)))
    }

    /// Answers settled since `start`, after record `afterID`.
    static func answers(_ tx: PostgresTransaction, since start: Date, afterID: Int64 = 0) throws -> [AnswerSample] {
        try answerRows(tx, since: start, afterID: afterID).map(\.sample)
    }

    static func answerRows(_ tx: PostgresTransaction, since start: Date, afterID: Int64 = 0) throws -> [(id: Int64, sample: AnswerSample)] {
        try tx.query("""
            SELECT \(answerColumns) FROM deadline_outcome WHERE answer AND settled_at >= $1 AND id > $2
            """, [.double(start.timeIntervalSince1970), .int(afterID)]).map(answer)
    }

    static func settled(_ tx: PostgresTransaction, _ windows: MeterWindows) throws -> [SettledTally] {
        try tx.query("""
            SELECT agent, channel, marketplace,
                   coalesce(sum(met) FILTER (WHERE hour >= $1), 0)::bigint, coalesce(sum(deadlines) FILTER (WHERE hour >= $1), 0)::bigint,
                   coalesce(sum(met) FILTER (WHERE hour >= $2), 0)::bigint, coalesce(sum(deadlines) FILTER (WHERE hour >= $2), 0)::bigint,
                   coalesce(sum(answers) FILTER (WHERE hour >= $2), 0)::bigint, coalesce(sum(late24) FILTER (WHERE hour >= $2), 0)::bigint,
                   coalesce(sum(answers) FILTER (WHERE hour >= $3), 0)::bigint, coalesce(sum(late24) FILTER (WHERE hour >= $3), 0)::bigint,
                   coalesce(sum(answers), 0)::bigint, coalesce(sum(late24), 0)::bigint,
                   coalesce(sum(unanswered) FILTER (WHERE hour >= $2), 0)::bigint, coalesce(sum(unanswered) FILTER (WHERE hour >= $3), 0)::bigint,
                   coalesce(sum(unanswered), 0)::bigint
            FROM meter_hour WHERE hour >= $4 AND hour <= $5
            GROUP BY agent, channel, marketplace
            """, [.int(hour(windows.today)), .int(hour(windows.days7)), .int(hour(windows.days30)), .int(hour(windows.days90)),
                  .int(hour(windows.now))]).map { row in
            func n(_ index: Int) throws -> Int { Int(try row.int(index)) }
            return SettledTally(
                group: try group(row, from: 0),
                deadlinesToday: Share(part: try n(3), whole: try n(4)), deadlines7d: Share(part: try n(5), whole: try n(6)),
                answers: [.days7: try n(7), .days30: try n(9), .days90: try n(11)],
                lateAnswers: [.days7: try n(8), .days30: try n(10), .days90: try n(12)],
                closedUnanswered: [.days7: try n(13), .days30: try n(14), .days90: try n(15)])
        }
    }

    static func open(_ tx: PostgresTransaction, _ windows: MeterWindows) throws -> [OpenTally] {
        let now = windows.now.timeIntervalSince1970
        return try tx.query("""
            SELECT assignee, channel, marketplace, count(*),
                   count(*) FILTER (WHERE needs_reply AND queue_key < $1),
                   count(*) FILTER (WHERE needs_reply AND queue_key >= $1 AND queue_key < $1 + 3600),
                   count(*) FILTER (WHERE needs_reply AND queue_key >= $1 + 3600 AND queue_key < $1 + 14400),
                   count(*) FILTER (WHERE needs_reply AND queue_key >= $1 + 14400 AND queue_key < $1 + 86400),
                   count(*) FILTER (WHERE needs_reply AND queue_key >= $1 + 86400),
                   count(*) FILTER (WHERE awaiting_since < $1 - 86400 AND awaiting_since >= $2),
                   count(*) FILTER (WHERE awaiting_since < $1 - 86400 AND awaiting_since >= $3),
                   count(*) FILTER (WHERE awaiting_since < $1 - 86400 AND awaiting_since >= $4)
            FROM ticket WHERE status = 'open'
            GROUP BY assignee, channel, marketplace
            """, [.double(now), .double(windows.days7.timeIntervalSince1970), .double(windows.days30.timeIntervalSince1970),
                  .double(windows.days90.timeIntervalSince1970)]).map { row in
            func n(_ index: Int) throws -> Int { Int(try row.int(index)) }
            return OpenTally(
                group: try group(row, from: 0), open: try n(3),
                due: [.overdue: try n(4), .underHour: try n(5), .oneToFourHours: try n(6), .fourToDay: try n(7), .overDay: try n(8)],
                unansweredOver24h: [.days7: try n(9), .days30: try n(10), .days90: try n(11)])
        }
    }

    /// The 24 hours up to and including the current one, oldest first, zeros where nothing came.
    static func traffic(_ tx: PostgresTransaction, now: Date) throws -> [HourTraffic] {
        let last = hour(now), first = last - 23
        var counts: [Int64: (Int, Int)] = [:]
        for row in try tx.query("SELECT hour, direction, count FROM message_hour WHERE hour >= $1 AND hour <= $2",
                                [.int(first), .int(last)]) {
            let h = try row.int(0), direction = try row.string(1), count = Int(try row.int(2))
            var entry = counts[h] ?? (0, 0)
            if direction == MessageDirection.inbound.rawValue { entry.0 += count }
            if direction == MessageDirection.outbound.rawValue { entry.1 += count }
            counts[h] = entry
        }
        return (first...last).map { h in
            HourTraffic(hour: Date(timeIntervalSince1970: Double(h) * 3600), inbound: counts[h]?.0 ?? 0, replies: counts[h]?.1 ?? 0)
        }
    }
}

/// The dashboard's live reader on PostgreSQL: the week's answers are read once a day and then
/// only the records added since (by id); the rollups, the open tickets (grouped on the server)
/// and the traffic are small answers read whole each refresh. Gives what `meterInputs` gives.
final class PostgresLiveMeters: LiveMeters {
    let store: PostgresTicketStore
    let timeZone: TimeZone
    private var day: Date?
    private var lastID: Int64 = 0
    private var week = ResponseTimes()
    private var today: [AnswerSample] = []
    /// Answers settled after the instant read (a clock ahead of ours): added when it is reached.
    private var ahead: [AnswerSample] = []

    init(store: PostgresTicketStore, timeZone: TimeZone) {
        self.store = store
        self.timeZone = timeZone
    }

    func read(now: Date) throws -> MeterInputs {
        let windows = MeterWindows(now: now, timeZone: timeZone)
        return try store.session.transaction(readOnlySnapshot: true) { tx in
            if day != windows.today {
                day = windows.today
                week = ResponseTimes()
                today = []
                ahead = []
                lastID = 0
            }
            let added = try PostgresMeters.answerRows(tx, since: windows.days7, afterID: lastID)
            if let newest = added.map(\.id).max() { lastID = newest }
            ahead += added.map(\.sample)
            let due = ahead.filter { $0.settledAt <= now }
            ahead.removeAll { $0.settledAt <= now }
            week.add(contentsOf: due)
            today += due.filter { $0.settledAt >= windows.today }
            return MeterInputs(
                windows: windows, answersToday: today, settled: try PostgresMeters.settled(tx, windows),
                open: try PostgresMeters.open(tx, windows), traffic: try PostgresMeters.traffic(tx, now: now), week: week)
        }
    }

    func waitUntilComplete() {}
}
