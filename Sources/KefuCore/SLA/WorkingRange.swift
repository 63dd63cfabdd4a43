/// One stretch of working time within a day, in local wall-clock minutes. A lunch break is two
/// ranges: `09:00-12:00` and `13:30-18:00`. `24:00` is allowed as an end, for "until midnight".
public struct WorkingRange: Sendable, Hashable, CustomStringConvertible {
    /// Minutes after local midnight, 0 ..< 1440.
    public var startMinute: Int
    /// Minutes after local midnight, startMinute < endMinute <= 1440.
    public var endMinute: Int

    public init(startMinute: Int, endMinute: Int) {
        precondition(0 <= startMinute && startMinute < endMinute && endMinute <= 1440, "not a working range")
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Reads `HH:MM-HH:MM`; nil when it is not one, or when it ends before it starts (a night
    /// shift across midnight is two ranges: `22:00-24:00` today and `00:00-06:00` tomorrow).
    public init?(parsing text: String) {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let start = WorkingRange.minute(of: String(ends[0])),
              let end = WorkingRange.minute(of: String(ends[1])), start < end, start < 1440 else { return nil }
        self.init(startMinute: start, endMinute: end)
    }

    public var description: String { "\(WorkingRange.clock(startMinute))-\(WorkingRange.clock(endMinute))" }

    static func minute(of text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...59).contains(minute) else { return nil }
        guard (0...23).contains(hour) || (hour == 24 && minute == 0) else { return nil }
        return hour * 60 + minute
    }

    static func clock(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// A day's ranges sorted; nil when two of them overlap.
    public static func normalized(_ ranges: [WorkingRange]) -> [WorkingRange]? {
        let sorted = ranges.sorted { $0.startMinute < $1.startMinute }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.startMinute < earlier.endMinute {
            return nil
        }
        return sorted
    }
}
