import Foundation

/// The feedback report ("统计反馈"): per ISO week, how many solved tickets had each problem and
/// each responsible party, with the orders concerned, ready to send to the department that must
/// fix the cause. Weeks follow ISO 8601 (Monday first, week 1 holds the first Thursday) in the
/// team's time zone, and a ticket counts in the week it was solved.
public struct FeedbackReport: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        /// The problem's or the party's raw name (`wrong-item`, `carrier`).
        public var name: String
        public var count: Int
        /// Order ids (or `#ticket` where the ticket has no order), sorted, each once.
        public var orders: [String]
    }

    public struct Week: Sendable, Hashable {
        /// `2026-W47`.
        public var week: String
        public var solved: Int
        public var byProblem: [Line]
        public var byResponsible: [Line]
    }

    public var weeks: [Week]

    public init(outcomes: [RecordedOutcome], timeZone: TimeZone) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        var grouped: [String: [RecordedOutcome]] = [:]
        for outcome in outcomes {
            grouped[Self.isoWeek(outcome.solvedAt, calendar: calendar), default: []].append(outcome)
        }
        weeks = grouped.keys.sorted().map { key in
            let items = grouped[key]!
            return Week(
                week: key, solved: items.count,
                byProblem: Self.lines(items, Problem.allCases.map(\.rawValue)) { $0.choice.problem.rawValue },
                byResponsible: Self.lines(items, ResponsibleParty.allCases.map(\.rawValue)) { $0.choice.responsible.rawValue })
        }
    }

    /// `yyyy-Www` of the ISO week holding `date`.
    public static func isoWeek(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        let week = parts.weekOfYear ?? 0
        return "\(parts.yearForWeekOfYear ?? 0)-W\(week < 10 ? "0" : "")\(week)"
    }

    /// Lines for the names that occur, in the order of `order` (the enum's order).
    private static func lines(_ items: [RecordedOutcome], _ order: [String], name: (RecordedOutcome) -> String) -> [Line] {
        var byName: [String: [RecordedOutcome]] = [:]
        for item in items { byName[name(item), default: []].append(item) }
        return order.compactMap { key in
            guard let group = byName[key] else { return nil }
            let orders = Set(group.map { $0.orderID.flatMap { $0.isEmpty ? nil : $0 } ?? "#\($0.ticketID)" })
            return Line(name: key, count: group.count, orders: orders.sorted())
        }
    }
}
