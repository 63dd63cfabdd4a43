import Foundation

/// When a snooze (`z`) ends, from what the agent types, read on the agent's wall clock:
///
///     "2h", "45m", "1h30m", "3d"  → that long from now
///     "14:00", "9", "9:30"        → the next time the clock shows it (today, else tomorrow)
///     "tomorrow", "tomorrow 9"    → tomorrow at 09:00 / at the time given
///
/// Time zones with daylight saving are read as `ZoneClock` reads them (a time that does not
/// exist that day is the moment the clocks jump). Anything else is an error that says what was
/// not understood.
public enum SnoozeTime {
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var input: String
        public var reason: String

        public var description: String {
            "Cannot snooze until “\(input)”: \(reason) — try 14:00, tomorrow 9 or 2h"
        }
    }

    /// Tomorrow without a time: the start of a working morning.
    public static let morningHour = 9

    public static func parse(_ text: String, now: Date, timeZone: TimeZone) throws -> Date {
        let input = text.trimmingCharacters(in: .whitespaces).lowercased()
        func fail(_ reason: String) -> ParseError { ParseError(input: text, reason: reason) }
        guard !input.isEmpty else { throw fail("no time given") }
        if let duration = try duration(input, fail) {
            guard duration > 0 else { throw fail("the time is not in the future") }
            return now.addingTimeInterval(duration)
        }
        let words = input.split(separator: " ").map(String.init)
        var dayOffset = 0
        var timeWords = words
        if words.first == "tomorrow" || words.first == "tmr" {
            dayOffset = 1
            timeWords = Array(words.dropFirst())
        } else if words.first == "today" {
            timeWords = Array(words.dropFirst())
        }
        guard timeWords.count <= 1 else { throw fail("one time of day after the day, like tomorrow 9") }
        let clock = ZoneClock(timeZone: timeZone)
        let (hour, minute) = try timeWords.first.map { try timeOfDay($0, fail) } ?? (morningHour, 0)
        let today = clock.localDay(of: now.timeIntervalSince1970)
        var day = today + dayOffset
        var instant = clock.instant(ofLocal: day * 86_400 + hour * 3600 + minute * 60)
        if dayOffset == 0, instant <= now.timeIntervalSince1970 {
            if words.first == "today" { throw fail("\(pad(hour)):\(pad(minute)) today has passed") }
            day += 1
            instant = clock.instant(ofLocal: day * 86_400 + hour * 3600 + minute * 60)
        }
        return Date(timeIntervalSince1970: instant)
    }

    /// "2h", "45m", "1h30m", "3d", "90s"; nil when the text is not a duration at all.
    private static func duration(_ input: String, _ fail: (String) -> ParseError) throws -> TimeInterval? {
        guard let last = input.last, "dhms".contains(last), input.first?.isNumber == true else { return nil }
        var total: TimeInterval = 0
        var number = ""
        for character in input where character != " " {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Double(number) else { throw fail("a number must come before “\(character)”") }
            switch character {
            case "d": total += value * 86_400
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: throw fail("“\(character)” is not a unit (d, h, m)")
            }
            number = ""
        }
        guard number.isEmpty else { throw fail("a unit must follow \(number) (d, h, m)") }
        return total
    }

    /// "14:00", "9", "9:30", "14h" → hour and minute.
    private static func timeOfDay(_ word: String, _ fail: (String) -> ParseError) throws -> (Int, Int) {
        let parts = word.replacingOccurrences(of: "h", with: ":").split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let hour = Int(parts[0]), parts[0].count <= 2 else {
            throw fail("“\(word)” is not a time of day")
        }
        let minute = parts.count == 2 && !parts[1].isEmpty ? Int(parts[1]) : 0
        guard let minute, (0..<24).contains(hour), (0..<60).contains(minute) else {
            throw fail("“\(word)” is not a time of day (hours 0-23, minutes 0-59)")
        }
        return (hour, minute)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
