/// Days off and make-up working days of one year or one country, kept apart from the calendars
/// that use them so several calendars can share a list and a user can replace one by name.
///
/// China moves working days around its holidays (调休): for the 2026 Spring Festival the office
/// is closed 15-23 February and open on Saturday 14 and Saturday 28 February. `closed` holds the
/// former, `workingDays` the latter; a calendar gives its make-up days its usual weekday hours.
public struct HolidayList: Sendable, Hashable {
    public var name: String
    public var closed: Set<CivilDate>
    public var workingDays: Set<CivilDate>

    public init(name: String, closed: Set<CivilDate>, workingDays: Set<CivilDate> = []) {
        self.name = name
        self.closed = closed
        self.workingDays = workingDays
    }
}
