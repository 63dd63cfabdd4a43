import Foundation
import GRDB
import KefuCore

/// The dashboard's tallies, read in one snapshot from the hourly rollups (kept on write by
/// triggers, see the v3-team migration), the partial index of today's answers, and the covering
/// `ticket_meters` index for open tickets. No query reads messages or months of deadline records.
extension SQLiteTicketStore: MetersStore {
    public func meterInputs(now: Date, timeZone: TimeZone) throws -> MeterInputs {
        let windows = MeterWindows(now: now, timeZone: timeZone)
        return try pool.read { db in
            let week = try MetersQueries.answers(db, since: windows.days7).filter { $0.settledAt <= now }
            return MeterInputs(
                windows: windows, answersToday: week.filter { $0.settledAt >= windows.today },
                settled: try MetersQueries.settled(db, windows), open: try MetersQueries.open(db, windows),
                traffic: try MetersQueries.traffic(db, now: now), week: ResponseTimes(week))
        }
    }
}

enum MetersQueries {
    static func hour(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / 3600).rounded(.down)) }

    static func group(_ row: Row, from index: Int) -> MeterGroup {
        let agent: String? = row[index]
        return MeterGroup(
            agent: (agent?.isEmpty ?? true) ? nil : agent,
            channel: Channel(rawValue: row[index + 1] ?? "") ?? .email,
            marketplace: Marketplace(rawValue: row[index + 2] ?? "") ?? .other)
    }

    /// Answers settled since `start` (from the partial index alone), up to the record `throughID`.
    static func answers(_ db: Database, since start: Date, throughID: Int64 = .max) throws -> [AnswerSample] {
        var samples: [AnswerSample] = []
        // Groups repeat on almost every row: build each once.
        var groups: [String: MeterGroup] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT agent, channel, marketplace, kind, elapsed_calendar, settled_at
            FROM deadline_outcome INDEXED BY deadline_outcome_answers
            WHERE answer = 1 AND settled_at >= ? AND id <= ?
            """), arguments: [start.timeIntervalSince1970, throughID])
        while let row = try rows.next() {
            let agent: String? = row[0], channel: String? = row[1], marketplace: String? = row[2]
            let key = "\(agent ?? "")\u{1F}\(channel ?? "")\u{1F}\(marketplace ?? "")"
            let group: MeterGroup
            if let known = groups[key] { group = known } else { group = Self.group(row, from: 0); groups[key] = group }
            let kind: String = row[3]
            samples.append(AnswerSample(group: group, kind: kind == ClockKind.firstReply.rawValue ? .firstReply : ClockKind(rawValue: kind) ?? .nextReply,
                                        elapsed: row[4], settledAt: Date(timeIntervalSince1970: row[5])))
        }
        return samples
    }

    static func settled(_ db: Database, _ windows: MeterWindows) throws -> [SettledTally] {
        let today = hour(windows.today), d7 = hour(windows.days7), d30 = hour(windows.days30), d90 = hour(windows.days90)
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT agent, channel, marketplace,
                   sum(CASE WHEN hour >= :today THEN met ELSE 0 END), sum(CASE WHEN hour >= :today THEN deadlines ELSE 0 END),
                   sum(CASE WHEN hour >= :d7 THEN met ELSE 0 END), sum(CASE WHEN hour >= :d7 THEN deadlines ELSE 0 END),
                   sum(CASE WHEN hour >= :d7 THEN answers ELSE 0 END), sum(CASE WHEN hour >= :d7 THEN late24 ELSE 0 END),
                   sum(CASE WHEN hour >= :d30 THEN answers ELSE 0 END), sum(CASE WHEN hour >= :d30 THEN late24 ELSE 0 END),
                   sum(answers), sum(late24),
                   sum(CASE WHEN hour >= :d7 THEN unanswered ELSE 0 END), sum(CASE WHEN hour >= :d30 THEN unanswered ELSE 0 END),
                   sum(unanswered)
            FROM meter_hour WHERE hour >= :d90 AND hour <= :now
            GROUP BY agent, channel, marketplace
            """), arguments: ["today": today, "d7": d7, "d30": d30, "d90": d90, "now": hour(windows.now)]).map { row in
            SettledTally(
                group: group(row, from: 0),
                deadlinesToday: Share(part: row[3], whole: row[4]), deadlines7d: Share(part: row[5], whole: row[6]),
                answers: [.days7: row[7], .days30: row[9], .days90: row[11]],
                lateAnswers: [.days7: row[8], .days30: row[10], .days90: row[12]],
                closedUnanswered: [.days7: row[13], .days30: row[14], .days90: row[15]])
        }
    }

    static func open(_ db: Database, _ windows: MeterWindows) throws -> [OpenTally] {
        let now = windows.now.timeIntervalSince1970
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT assignee, channel, marketplace, count(*),
                   sum(needs_reply = 1 AND queue_key < :now),
                   sum(needs_reply = 1 AND queue_key >= :now AND queue_key < :now + 3600),
                   sum(needs_reply = 1 AND queue_key >= :now + 3600 AND queue_key < :now + 14400),
                   sum(needs_reply = 1 AND queue_key >= :now + 14400 AND queue_key < :now + 86400),
                   sum(needs_reply = 1 AND queue_key >= :now + 86400),
                   ifnull(sum(awaiting_since < :now - 86400 AND awaiting_since >= :d7), 0),
                   ifnull(sum(awaiting_since < :now - 86400 AND awaiting_since >= :d30), 0),
                   ifnull(sum(awaiting_since < :now - 86400 AND awaiting_since >= :d90), 0)
            FROM ticket INDEXED BY ticket_meters WHERE status = 'open'
            GROUP BY assignee, channel, marketplace
            """), arguments: [
                "now": now, "d7": windows.days7.timeIntervalSince1970, "d30": windows.days30.timeIntervalSince1970,
                "d90": windows.days90.timeIntervalSince1970,
            ]).map { row in
            OpenTally(
                group: group(row, from: 0), open: row[3],
                due: [.overdue: row[4], .underHour: row[5], .oneToFourHours: row[6], .fourToDay: row[7], .overDay: row[8]],
                unansweredOver24h: [.days7: row[9], .days30: row[10], .days90: row[11]])
        }
    }

    /// The 24 hours up to and including the current one, oldest first, zeros where nothing came.
    static func traffic(_ db: Database, now: Date) throws -> [HourTraffic] {
        let last = hour(now), first = last - 23
        var counts: [Int64: (Int, Int)] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT hour, direction, count FROM message_hour WHERE hour >= ? AND hour <= ?
            """), arguments: [first, last]) {
            let h: Int64 = row[0], direction: String = row[1], count: Int = row[2]
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
