import Foundation
import KefuCore

/// An instant given as local wall-clock time in a zone, worked out by Foundation's own calendar
/// so the tests do not lean on the code they check. `"2026-03-27 16:00"`.
func local(_ text: String, _ zone: String) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone)!
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
    let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4],
                                    second: parts.count > 5 ? parts[5] : 0)
    return calendar.date(from: components)!
}

/// An instant in UTC: `utc("2026-03-30 08:00")`.
func utc(_ text: String) -> Date { local(text, "UTC") }

func ranges(_ texts: String...) -> [WorkingRange] { texts.map { WorkingRange(parsing: $0)! } }

func date(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

/// Dates from `first` through `last`, for holiday lists.
func dates(_ first: String, through last: String) -> Set<CivilDate> {
    Set((date(first).dayNumber...date(last).dayNumber).map(CivilDate.init(dayNumber:)))
}

/// Monday to Friday with the same ranges each day.
func weekdays(_ hours: [WorkingRange]) -> [Weekday: [WorkingRange]] {
    Dictionary(uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map { ($0, hours) })
}

/// Every day of the week with the same ranges.
func everyDay(_ hours: [WorkingRange]) -> [Weekday: [WorkingRange]] {
    Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, hours) })
}

/// The team calendar of the shipped defaults, with the 2026 Spring Festival and its make-up days.
func chinaTeamCalendar(overrides: [CivilDate: [WorkingRange]] = [:]) -> BusinessCalendar {
    let springFestival = HolidayList(
        name: "china-2026", closed: dates("2026-02-15", through: "2026-02-23"),
        workingDays: [date("2026-02-14"), date("2026-02-28")])
    return BusinessCalendar(
        name: "china-team", timeZone: TimeZone(identifier: "Asia/Shanghai")!,
        weeklyHours: weekdays(ranges("09:00-12:00", "13:30-18:00")), holidays: [springFestival], overrides: overrides)
}
