import Foundation

/// When a follow-up (`F`) is due, from what the agent types, read on the agent's wall clock:
///
///     "in 3 days", "3d", "in 2 weeks", "2h", "tomorrow 9", "14:00"   → that time (as `z` reads it)
///     "on 2026-12-10", "2026-12-10", "2026-12-10 14:00"              → that day, 09:00 unless a time is given
///     "when the parcel is delivered", "delivered"                     → when a carrier event says delivered
///     "if tracking is silent for 5 days", "silent 5d"                 → when no carrier event came for 5 days
///
/// A time is parsed by `SnoozeTime`, so `z` and `F` agree. Anything else is an error that says
/// what was not understood and what would be.
public enum FollowUpWhen: Sendable, Hashable, Codable {
    /// At a fixed time.
    case at(Date)
    /// When the order's parcel is delivered (a carrier event says so).
    case parcelDelivered
    /// When the order's parcel has had no carrier event for this many days.
    case trackingSilent(days: Int)

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var input: String
        public var reason: String

        public var description: String {
            "Cannot follow up “\(input)”: \(reason) — try in 3 days, on 2026-12-10, when the parcel is delivered or if tracking is silent for 5 days"
        }
    }

    /// The stored name of the kind (`at`, `delivered`, `silent`).
    public var kindName: String {
        switch self {
        case .at: "at"
        case .parcelDelivered: "delivered"
        case .trackingSilent: "silent"
        }
    }

    /// Whether this follow-up waits on carrier events of the ticket's order.
    public var needsParcel: Bool { if case .at = self { false } else { true } }

    public static func parse(_ text: String, now: Date, timeZone: TimeZone) throws -> FollowUpWhen {
        let original = text
        var input = text.trimmingCharacters(in: .whitespaces).lowercased()
        input = input.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        func fail(_ reason: String) -> ParseError { ParseError(input: original, reason: reason) }
        guard !input.isEmpty else { throw fail("no time given") }

        if ["delivered", "when delivered", "when the parcel is delivered", "when parcel is delivered",
            "when the parcel arrives", "on delivery"].contains(input) {
            return .parcelDelivered
        }
        if input.contains("silent") || input.contains("no scan") || input.contains("no event") {
            return .trackingSilent(days: try silentDays(input, fail))
        }
        if input.hasPrefix("on ") { input.removeFirst(3) }
        if let date = try calendarDay(input, timeZone: timeZone, fail) {
            guard date > now else { throw fail("\(input) is not in the future") }
            return .at(date)
        }
        if input.hasPrefix("in ") { input.removeFirst(3) }
        input = try compactDuration(input, fail)
        do {
            return .at(try SnoozeTime.parse(input, now: now, timeZone: timeZone))
        } catch let error as SnoozeTime.ParseError {
            throw fail(error.reason)
        }
    }

    /// "silent 5d", "if tracking is silent for 5 days", "silent for 1 week" → days (1...365).
    private static func silentDays(_ input: String, _ fail: (String) -> ParseError) throws -> Int {
        let words = input.split(separator: " ").map(String.init)
        for (index, word) in words.enumerated() {
            var digits = word
            var unit = index + 1 < words.count ? words[index + 1] : "days"
            if let last = word.last, last == "d" || last == "w", word.dropLast().allSatisfy(\.isNumber), word.count > 1 {
                digits = String(word.dropLast())
                unit = last == "w" ? "weeks" : "days"
            }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) else { continue }
            let days = unit.hasPrefix("week") ? number * 7 : number
            guard unit.hasPrefix("day") || unit.hasPrefix("week") || unit == "days" else {
                throw fail("“\(unit)” is not days or weeks")
            }
            guard (1...365).contains(days) else { throw fail("the silence must be 1 to 365 days") }
            return days
        }
        throw fail("how many days of silence? e.g. silent for 5 days")
    }

    /// "2026-12-10" or "2026-12-10 14:00": that day on the agent's clock (09:00 without a time).
    private static func calendarDay(_ input: String, timeZone: TimeZone, _ fail: (String) -> ParseError) throws -> Date? {
        let words = input.split(separator: " ").map(String.init)
        guard let first = words.first, first.count == 10, first.filter({ $0 == "-" }).count == 2,
              first.first?.isNumber == true else { return nil }
        guard let day = CivilDate(parsing: first) else { throw fail("“\(first)” is not a date (YYYY-MM-DD)") }
        var hour = SnoozeTime.morningHour, minute = 0
        if words.count == 2 {
            let parts = words[1].split(separator: ":").map(String.init)
            guard (1...2).contains(parts.count), let h = Int(parts[0]), (0..<24).contains(h),
                  let m = parts.count == 2 ? Int(parts[1]) : 0, (0..<60).contains(m) else {
                throw fail("“\(words[1])” is not a time of day")
            }
            hour = h
            minute = m
        } else if words.count > 2 {
            throw fail("one date and at most one time, like 2026-12-10 14:00")
        }
        let clock = ZoneClock(timeZone: timeZone)
        return Date(timeIntervalSince1970: clock.instant(ofLocal: day.dayNumber * 86_400 + hour * 3600 + minute * 60))
    }

    /// "3 days", "2 weeks", "5 hours", "1 week 2 days" → "3d", "14d", "5h" for `SnoozeTime`.
    private static func compactDuration(_ input: String, _ fail: (String) -> ParseError) throws -> String {
        let words = input.split(separator: " ").map(String.init)
        guard words.count >= 2, words.count % 2 == 0, Int(words[0]) != nil else { return input }
        var days = 0, hours = 0, minutes = 0
        for pair in stride(from: 0, to: words.count, by: 2) {
            guard let number = Int(words[pair]), number >= 0 else { throw fail("“\(words[pair])” is not a number") }
            let unit = words[pair + 1]
            if unit.hasPrefix("week") { days += number * 7 }
            else if unit.hasPrefix("day") { days += number }
            else if unit.hasPrefix("hour") || unit == "h" { hours += number }
            else if unit.hasPrefix("min") { minutes += number }
            else { throw fail("“\(unit)” is not a unit (days, weeks, hours, minutes)") }
        }
        var text = ""
        if days > 0 { text += "\(days)d" }
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        guard !text.isEmpty else { throw fail("the time is not in the future") }
        return text
    }
}
