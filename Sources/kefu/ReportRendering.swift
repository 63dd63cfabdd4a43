import Foundation
import KefuCore

/// The report's three forms. Table for reading, CSV (RFC 4180, every field quoted, one figure
/// per line so a spreadsheet can pivot it) and JSON (sorted keys, the same names as the CSV's
/// figures) for sending on.
struct TeamReport {
    let figures: DashboardFigures
    let feedback: FeedbackReport
    let since: Date
    let until: Date
    let timeZone: TimeZone
    /// Follow-ups by where they stand at the report's time, and speak-first items per rule;
    /// nil on a store without follow-ups (PostgreSQL in this build): the report says so.
    var followUps: FollowUpCounts?
    /// Repeat purchase of customers who had a conversation, by its outcome; nil with the reason
    /// when the store cannot say (PostgreSQL in this build).
    var repeatPurchase: [RepeatPurchaseRow] = []
    var repeatPurchaseNote: String?

    // MARK: one list of figures, shared by CSV and JSON

    /// The figures of one row, by stable name; integers, shares to four decimals, seconds.
    func values(_ row: MeterRow) -> [(String, Any)] {
        var out: [(String, Any)] = [
            ("open", row.open), ("replied_today", row.repliedToday),
        ]
        for (name, p) in [("first_reply", row.firstReply), ("reply", row.reply), ("first_reply_7d", row.firstReply7d), ("reply_7d", row.reply7d)] {
            out.append(("\(name)_p50_seconds", p.map { Self.seconds($0.p50) as Any } ?? NSNull()))
            out.append(("\(name)_p90_seconds", p.map { Self.seconds($0.p90) as Any } ?? NSNull()))
            out.append(("\(name)_answers", p?.count ?? 0))
        }
        for (name, share) in [("met_today", row.metToday), ("met_7d", row.met7d)] {
            out.append(("\(name)_met", share.part))
            out.append(("\(name)_settled", share.whole))
            out.append(("\(name)_share", share.fraction.map { Self.rounded($0) as Any } ?? NSNull()))
        }
        out.append(("overdue_now", row.overdueNow))
        out.append(("due_within_hour", row.dueWithinHour))
        for window in LateWindow.allCases {
            guard let share = row.lateResponse[window] else { continue }
            out.append(("late_response_\(window.title)_late", share.part))
            out.append(("late_response_\(window.title)_messages", share.whole))
            out.append(("late_response_\(window.title)_rate", share.fraction.map { Self.rounded($0) as Any } ?? NSNull()))
        }
        return out
    }

    static func seconds(_ value: Double) -> Any { value == value.rounded() ? Int(value) as Any : rounded(value) }
    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    var histogramNames: [(DueBucket, String)] {
        [(.overdue, "overdue"), (.underHour, "under_1h"), (.oneToFourHours, "1h_to_4h"), (.fourToDay, "4h_to_24h"), (.overDay, "over_24h")]
    }

    // MARK: JSON

    func json() throws -> String {
        func object(_ row: MeterRow) -> [String: Any] {
            var object = Dictionary(uniqueKeysWithValues: values(row))
            switch row.subject {
            case .agent(let name): object["agent"] = name.map(TerminalSanitizer.oneLine) ?? NSNull()
            case .lane(let lane):
                object["name"] = lane.title
                object["channel"] = lane.channel.rawValue
                object["marketplace"] = lane.marketplace.rawValue
            }
            return object
        }
        func lines(_ lines: [FeedbackReport.Line], key: String) -> [[String: Any]] {
            lines.map { [key: $0.name, "count": $0.count, "orders": $0.orders.map(TerminalSanitizer.oneLine)] }
        }
        var team = object(figures.team)
        team["agent"] = nil
        let root: [String: Any] = [
            "as_of": RFC3339.format(figures.windows.now),
            "time_zone": timeZone.identifier,
            "windows": [
                "today": RFC3339.format(figures.windows.today), "7d": RFC3339.format(figures.windows.days7),
                "30d": RFC3339.format(figures.windows.days30), "90d": RFC3339.format(figures.windows.days90),
            ],
            "agents": figures.agents.map(object),
            "whole_queue": team,
            "channels": figures.lanes.map(object),
            "time_to_deadline": Dictionary(uniqueKeysWithValues: histogramNames.map { ($0.1, figures.histogram[$0.0] ?? 0) }),
            "traffic": figures.traffic.map { ["hour": RFC3339.format($0.hour), "inbound": $0.inbound, "replies": $0.replies] },
            "follow_ups": followUps.map { counts -> Any in
                ["scheduled": counts.scheduled, "due": counts.due, "late": counts.late, "done": counts.done,
                 "proactive_by_rule": counts.byRule] as [String: Any]
            } ?? NSNull(),
            "repeat_purchase": repeatPurchaseNote.map { ["unavailable": $0] as Any } ?? repeatPurchase.map { row -> [String: Any] in
                ["outcome": row.outcome, "customers": row.customers, "ordered_again": row.repeated,
                 "rate": row.rate.map { ($0 * 100).rounded() / 10_000 } ?? NSNull()]
            },
            "feedback": [
                "since": RFC3339.format(since), "until": RFC3339.format(until),
                "weeks": feedback.weeks.map { week -> [String: Any] in
                    ["week": week.week, "solved": week.solved,
                     "by_problem": lines(week.byProblem, key: "problem"), "by_responsible": lines(week.byResponsible, key: "responsible")]
                },
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: CSV

    /// RFC 4180: every field quoted, quotes doubled, CRLF line ends. Text that a spreadsheet
    /// would run as a formula (starting with = + - @) gets a leading apostrophe.
    static func csvField(_ value: Any) -> String {
        var text: String
        switch value {
        case is NSNull: text = ""
        case let number as Double: text = String(number)
        case let number as Int: text = String(number)
        case let string as String:
            text = TerminalSanitizer.oneLine(string)
            if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        default: text = "\(value)"
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func csv() -> String {
        var rows: [[Any]] = [["section", "subject", "figure", "value", "orders"]]
        func add(_ section: String, _ row: MeterRow) {
            for (name, value) in values(row) { rows.append([section, row.subject.title, name, value, ""]) }
        }
        figures.agents.forEach { add("agent", $0) }
        add("whole_queue", figures.team)
        figures.lanes.forEach { add("channel", $0) }
        for (bucket, name) in histogramNames { rows.append(["time_to_deadline", name, "tickets", figures.histogram[bucket] ?? 0, ""]) }
        for hour in figures.traffic {
            rows.append(["traffic", RFC3339.format(hour.hour), "inbound", hour.inbound, ""])
            rows.append(["traffic", RFC3339.format(hour.hour), "replies", hour.replies, ""])
        }
        if let counts = followUps {
            for (name, value) in [("scheduled", counts.scheduled), ("due", counts.due), ("late", counts.late), ("done", counts.done)] {
                rows.append(["follow_ups", "all", name, value, ""])
            }
            for (rule, count) in counts.byRule.sorted(by: { $0.key < $1.key }) { rows.append(["proactive", rule, "items", count, ""]) }
        }
        for week in feedback.weeks {
            rows.append(["feedback_solved", week.week, "solved", week.solved, ""])
            for line in week.byProblem { rows.append(["feedback_problem", week.week, line.name, line.count, line.orders.joined(separator: " ")]) }
            for line in week.byResponsible { rows.append(["feedback_responsible", week.week, line.name, line.count, line.orders.joined(separator: " ")]) }
        }
        for row in repeatPurchase {
            rows.append(["repeat_purchase", row.outcome, "customers", row.customers, ""])
            rows.append(["repeat_purchase", row.outcome, "ordered_again", row.repeated, ""])
        }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: table

    func table() -> String {
        var out = "Kefu report · as of \(RFC3339.format(figures.windows.now)) (\(timeZone.identifier)) · today since \(RFC3339.format(figures.windows.today)) · 7 days since \(RFC3339.format(figures.windows.days7))\n"
        out += "Percentiles are nearest-rank; response times are calendar time with holds left out; \"no response needed\" is left out.\n\n"
        let header = ["", "open", "replied", "1st p50", "1st p90", "rep p50", "rep p90", "7d: 1st p50", "1st p90", "rep p50", "rep p90",
                      "met today", "met 7d", "overdue", "due<1h"]
        func cells(_ row: MeterRow) -> [String] {
            [TerminalSanitizer.oneLine(row.subject.title), "\(row.open)", "\(row.repliedToday)",
             duration(row.firstReply?.p50), duration(row.firstReply?.p90), duration(row.reply?.p50), duration(row.reply?.p90),
             duration(row.firstReply7d?.p50), duration(row.firstReply7d?.p90), duration(row.reply7d?.p50), duration(row.reply7d?.p90),
             share(row.metToday), share(row.met7d), "\(row.overdueNow)", "\(row.dueWithinHour)"]
        }
        out += Self.grid([["AGENTS"] + header.dropFirst()] + figures.agents.map(cells) + [cells(figures.team)])
        out += "\n"
        out += Self.grid([["CHANNELS"] + header.dropFirst()] + figures.lanes.map(cells))
        if let amazon = figures.lanes.first(where: { $0.subject == .lane(Lane(channel: .marketplace, marketplace: .amazon)) }) {
            let parts = LateWindow.allCases.map { window in "\(window.title) \(share(amazon.lateResponse[window] ?? .none))" }
            out += "Amazon late-response rate (answered after 24 h or not at all; target < 10%): " + parts.joined(separator: " · ") + "\n"
        }
        out += "\nTIME TO DEADLINE (open tickets needing a reply): "
        out += histogramNames.map { "\($0.0.title) \(figures.histogram[$0.0] ?? 0)" }.joined(separator: " · ") + "\n"
        let inbound = figures.traffic.map(\.inbound), replies = figures.traffic.map(\.replies)
        out += "LAST 24 HOURS per hour: in  \(MeterGraphics.sparkline(inbound)) \(inbound.reduce(0, +))\n"
        out += "                        out \(MeterGraphics.sparkline(replies)) \(replies.reduce(0, +))\n"
        if let counts = followUps {
            out += "\nFOLLOW-UPS: due \(counts.due) · late \(counts.late) · done \(counts.done) · scheduled \(counts.scheduled)\n"
            let rules = counts.byRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            out += "PROACTIVE (speak first) per rule: " + (rules.isEmpty ? "none yet" : rules.joined(separator: " · ")) + "\n"
        } else {
            out += "\nFOLLOW-UPS: not available on this store (PostgreSQL keeps no follow-ups yet)\n"
        }
        out += "\nFEEDBACK · tickets solved \(RFC3339.format(since)) to \(RFC3339.format(until)), by ISO week\n"
        if feedback.weeks.isEmpty { out += "(no ticket solved with an outcome in this period)\n" }
        for week in feedback.weeks {
            out += "\n\(week.week) · \(week.solved) solved\n"
            out += Self.grid([["problem", "count", "orders"]] + week.byProblem.map { [$0.name, "\($0.count)", orders($0.orders)] }, indent: "  ")
            out += Self.grid([["responsible", "count", "orders"]] + week.byResponsible.map { [$0.name, "\($0.count)", orders($0.orders)] }, indent: "  ")
        }
        out += "\nREPEAT PURCHASE · customers with a solved conversation, by its resolution: how many ordered again after it\n"
        if let repeatPurchaseNote {
            out += "(\(repeatPurchaseNote))\n"
        } else if repeatPurchase.isEmpty {
            out += "(no customer with a solved conversation yet)\n"
        } else {
            out += Self.grid([["resolution", "customers", "ordered again", "rate"]] + repeatPurchase.map {
                [$0.outcome, "\($0.customers)", "\($0.repeated)", $0.rate.map { String(format: "%.1f%%", $0) } ?? "—"]
            }, indent: "  ")
        }
        return out
    }

    private func duration(_ seconds: Double?) -> String { seconds.map { Countdown.compact(remaining: $0) } ?? "—" }
    private func share(_ share: Share) -> String { share.whole == 0 ? "—" : "\(share.percentText) (\(share.part)/\(share.whole))" }
    private func orders(_ orders: [String]) -> String { orders.map(TerminalSanitizer.oneLine).joined(separator: ", ") }

    /// Left-aligned first column, the rest right-aligned (the last left-aligned when it is text).
    static func grid(_ rows: [[String]], indent: String = "") -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? DisplayWidth.of($0[c]) : 0 }.max() ?? 0 }
        return rows.map { row in
            indent + row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - DisplayWidth.of(cell))
                return c == 0 || (c == columns - 1 && rows[0][c] == "orders") ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}
