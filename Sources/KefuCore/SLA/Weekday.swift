/// A day of the week, named the way a team lead writes opening hours: `mon`, `tue`, ... `sun`.
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of a day number (days since 1970-01-01, which was a Thursday).
    public init(dayNumber: Int) {
        let fromMonday = ((dayNumber + 3) % 7 + 7) % 7
        self = Weekday(rawValue: fromMonday + 1)!
    }

    /// `mon`, `monday`, `Mon` ...
    public init?(name: String) {
        let key = name.lowercased()
        guard let day = Weekday.allCases.first(where: { $0.fullName == key || $0.description == key }) else { return nil }
        self = day
    }

    /// Reads one day (`sat`) or a span (`mon-fri`); a span may wrap past Sunday (`fri-mon`).
    public static func days(in text: String) -> [Weekday]? {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        switch ends.count {
        case 1:
            return Weekday(name: ends[0]).map { [$0] }
        case 2:
            guard let first = Weekday(name: ends[0]), let last = Weekday(name: ends[1]) else { return nil }
            var days = [first], day = first
            while day != last {
                day = Weekday(rawValue: day.rawValue % 7 + 1)!
                days.append(day)
            }
            return days
        default:
            return nil
        }
    }

    public var description: String { String(fullName.prefix(3)) }

    var fullName: String {
        switch self {
        case .monday: "monday"
        case .tuesday: "tuesday"
        case .wednesday: "wednesday"
        case .thursday: "thursday"
        case .friday: "friday"
        case .saturday: "saturday"
        case .sunday: "sunday"
        }
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
