/// The time a clock counts: every second (calendar time), only working seconds of a business
/// calendar, or whole working days of one (see `BusinessDayCount`). Instants are seconds since
/// 1970; amounts are seconds, or days for `workingDays`.
enum ClockTimeline: Sendable {
    case calendarTime
    case business(BusinessCalendar)
    case workingDays(BusinessCalendar)

    /// The amount counted between two instants.
    func measure(from start: Double, to end: Double) -> Double {
        guard end > start else { return 0 }
        switch self {
        case .calendarTime: return end - start
        case .business(let calendar): return calendar.table.total(upTo: end) - calendar.table.total(upTo: start)
        case .workingDays(let calendar): return calendar.workingDays(from: start, to: end)
        }
    }

    /// The earliest instant at which `amount` has been counted since `start`.
    func advance(_ amount: Double, from start: Double) -> Double {
        switch self {
        case .calendarTime: return start + max(0, amount)
        case .business(let calendar): return calendar.table.instant(after: amount, from: start)
        case .workingDays(let calendar): return calendar.instant(afterWorkingDays: amount, from: start)
        }
    }
}
