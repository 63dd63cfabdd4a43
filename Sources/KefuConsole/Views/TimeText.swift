import Foundation

/// Dates as the thread shows them, in the local time zone: `2026-11-23 08:15`.
enum TimeText {
    static func of(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func pad(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute))"
    }

    /// The time of day alone, `14:02`, for things that happened minutes ago.
    static func clock(_ date: Date, timeZone: TimeZone = .current) -> String {
        String(of(date, timeZone: timeZone).suffix(5))
    }
}
