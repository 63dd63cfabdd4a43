import Foundation

/// When a team works: a time zone, opening hours per weekday (a lunch break is two ranges),
/// holiday lists, and overrides for single dates. Business-time arithmetic ("4 business
/// hours after this message arrived") runs on it.
///
/// Which hours a date has, first rule that applies:
/// 1. an override for that date (a promotion Saturday `10:00-16:00`; an empty list closes it);
/// 2. closed, when a holiday list closes it;
/// 3. the make-up hours, when a holiday list makes it a working day (调休), by default Monday's;
/// 4. the hours of its weekday.
///
/// Working intervals are worked out once for the years in `precomputedYears` (by default three
/// either side of the current one) and kept as a
/// sorted table with running totals, so adding business time or measuring it is a binary
/// search. Instants outside those years are still answered exactly, day by day, only slower.
public struct BusinessCalendar: Sendable {
    public let name: String
    public let timeZone: TimeZone
    public let weeklyHours: [Weekday: [WorkingRange]]
    public let holidays: [HolidayList]
    public let overrides: [CivilDate: [WorkingRange]]
    public let makeUpHours: [WorkingRange]

    let zone: ZoneClock
    let rules: DayRules
    let table: WorkingTimeTable

    public init(
        name: String, timeZone: TimeZone, weeklyHours: [Weekday: [WorkingRange]], holidays: [HolidayList] = [],
        overrides: [CivilDate: [WorkingRange]] = [:], makeUpHours: [WorkingRange]? = nil,
        precomputedYears: ClosedRange<Int>? = nil
    ) {
        self.name = name
        self.timeZone = timeZone
        self.weeklyHours = weeklyHours.mapValues { WorkingRange.normalized($0) ?? $0 }
        self.holidays = holidays
        self.overrides = overrides
        self.makeUpHours = makeUpHours ?? self.weeklyHours[.monday] ?? []
        zone = ZoneClock(timeZone: timeZone)
        rules = DayRules(
            weeklyHours: self.weeklyHours,
            closedDays: Set(holidays.flatMap { $0.closed.map(\.dayNumber) }),
            makeUpDays: Set(holidays.flatMap { $0.workingDays.map(\.dayNumber) }),
            makeUpHours: self.makeUpHours,
            overrideDays: Dictionary(overrides.map { ($0.key.dayNumber, WorkingRange.normalized($0.value) ?? $0.value) },
                                     uniquingKeysWith: { first, _ in first }))
        // Every kefu command builds its calendars at start: three years either side of this
        // one keep that quick (21 years took most of a command's start-up); older and later
        // instants are still answered exactly, day by day.
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        let precomputedYears = precomputedYears ?? (thisYear - 3)...(thisYear + 3)
        table = WorkingTimeTable(
            rules: rules, zone: zone,
            firstDay: CivilDate(year: precomputedYears.lowerBound, month: 1, day: 1).dayNumber,
            endDay: CivilDate(year: precomputedYears.upperBound + 1, month: 1, day: 1).dayNumber)
    }

    /// The working ranges of one local date, after holidays and overrides.
    public func hours(on date: CivilDate) -> [WorkingRange] { rules.hours(onDay: date.dayNumber) }

    /// Whether the calendar has any working time in an ordinary week; one without is refused by
    /// the configuration, since no business deadline on it could ever fall due.
    public var hasWeeklyHours: Bool { rules.hasWeeklyHours }

    /// Business seconds between two instants: the working time that lies between them.
    /// Zero when `end` is not after `start`.
    ///
    ///     // 09:00-12:00 and 13:30-18:00: from 11:00 to 14:00 is 1 h before lunch + 30 min after
    ///     calendar.businessSeconds(from: elevenAM, to: twoPM)   // 5_400
    public func businessSeconds(from start: Date, to end: Date) -> TimeInterval {
        let a = start.timeIntervalSince1970, b = end.timeIntervalSince1970
        guard b > a else { return 0 }
        return table.total(upTo: b) - table.total(upTo: a)
    }

    /// The instant at which `seconds` of working time have passed since `start`. When the count
    /// ends exactly at a closing time the answer is that closing time, not the next opening.
    ///
    ///     // Friday 17:00 in a 09:00-18:00 Mon-Fri calendar, plus 2 business hours:
    ///     calendar.adding(businessSeconds: 7_200, to: friday5pm)   // Monday 10:00
    public func adding(businessSeconds seconds: TimeInterval, to start: Date) -> Date {
        let at = start.timeIntervalSince1970
        guard seconds > 0 else { return start }
        return Date(timeIntervalSince1970: table.instant(after: seconds, from: at))
    }

    /// The close of the `count`-th working day after the local day `start` falls on: "3
    /// business days" for a request that came in on Friday is the close of Wednesday, whatever
    /// time on Friday it came. `count` 1 is "by the end of the next business day".
    public func closeOfWorkingDay(_ count: Int, after start: Date) -> Date {
        precondition(hasWeeklyHours, "calendar \(name) has no working hours")
        var day = zone.localDay(of: start.timeIntervalSince1970), found = 0
        while found < max(1, count) {
            day += 1
            if !rules.hours(onDay: day).isEmpty { found += 1 }
        }
        let close = rules.hours(onDay: day).last!.endMinute
        return Date(timeIntervalSince1970: zone.instant(ofLocal: day * 86_400 + close * 60))
    }

    /// The local date an instant falls on in this calendar's time zone.
    public func localDate(of instant: Date) -> CivilDate {
        CivilDate(dayNumber: zone.localDay(of: instant.timeIntervalSince1970))
    }
}
