import Foundation

/// The periods the meters look back over, all starting at a midnight in the team's time zone:
/// "today" since midnight, "7 days" since the midnight six days before, and so on. Rollups are
/// kept per hour, so windows are exact in zones whose offset is a whole number of hours.
public struct MeterWindows: Sendable, Hashable {
    public var now: Date
    public var today: Date
    public var days7: Date
    public var days30: Date
    public var days90: Date

    public init(now: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let midnight = calendar.startOfDay(for: now)
        func back(_ days: Int) -> Date { calendar.date(byAdding: .day, value: -days, to: midnight) ?? midnight }
        self.now = now
        today = midnight
        days7 = back(6)
        days30 = back(29)
        days90 = back(89)
    }

    public func start(of window: LateWindow) -> Date {
        switch window {
        case .days7: days7
        case .days30: days30
        case .days90: days90
        }
    }
}

/// The periods Amazon measures its late-response rate over.
public enum LateWindow: Int, Sendable, Hashable, CaseIterable, Comparable {
    case days7 = 7
    case days30 = 30
    case days90 = 90

    public var title: String { "\(rawValue)d" }

    public static func < (lhs: LateWindow, rhs: LateWindow) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where an open ticket's nearest deadline stands now: the buckets of the dashboard's histogram.
public enum DueBucket: Int, Sendable, Hashable, CaseIterable, Comparable {
    case overdue
    case underHour
    case oneToFourHours
    case fourToDay
    case overDay

    public var title: String {
        switch self {
        case .overdue: "overdue"
        case .underHour: "< 1h"
        case .oneToFourHours: "1-4h"
        case .fourToDay: "4-24h"
        case .overDay: "> 24h"
        }
    }

    /// The bucket of a deadline `remaining` seconds away (negative: already passed).
    public static func of(remaining: Double) -> DueBucket {
        if remaining < 0 { return .overdue }
        if remaining < 3600 { return .underHour }
        if remaining < 4 * 3600 { return .oneToFourHours }
        if remaining < 24 * 3600 { return .fourToDay }
        return .overDay
    }

    public static func < (lhs: DueBucket, rhs: DueBucket) -> Bool { lhs.rawValue < rhs.rawValue }
}
