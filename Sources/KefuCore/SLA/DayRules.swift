/// Which working ranges each local day has, after holidays and overrides; see `BusinessCalendar`
/// for the order the rules apply in. Days are day numbers (days since 1970-01-01).
struct DayRules: Sendable {
    let weeklyHours: [Weekday: [WorkingRange]]
    let closedDays: Set<Int>
    let makeUpDays: Set<Int>
    let makeUpHours: [WorkingRange]
    let overrideDays: [Int: [WorkingRange]]

    func hours(onDay day: Int) -> [WorkingRange] {
        if let special = overrideDays[day] { return special }
        if closedDays.contains(day) { return [] }
        if makeUpDays.contains(day) { return makeUpHours }
        return weeklyHours[Weekday(dayNumber: day)] ?? []
    }

    /// Whether some day in any week has working time: without it no business deadline falls due.
    var hasWeeklyHours: Bool { weeklyHours.values.contains { !$0.isEmpty } }
}
