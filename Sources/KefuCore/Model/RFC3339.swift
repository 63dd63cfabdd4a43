import Foundation

/// RFC 3339 timestamps, with or without fractional seconds, always printed in UTC.
public enum RFC3339 {
    public static func parse(_ text: String) -> Date? {
        if let date = parseCommonForm(text) { return date }
        return parseWithFormatter(text)
    }

    /// The formatter path: slow (a formatter is made per call) but complete.
    static func parseWithFormatter(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff]Z` or `...±HH:MM`, read by hand: the JSON Lines ingest reads one
    /// per message and a formatter per call made it a third of the ingest time. Anything else
    /// (other separators, out-of-range fields) is nil here and left to the formatter, so what
    /// is accepted does not change. Fractions are kept to the millisecond, as the formatter does.
    static func parseCommonForm(_ text: String) -> Date? {
        var utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { bytes -> Date? in
            func number(_ start: Int, _ count: Int) -> Int? {
                guard start + count <= bytes.count else { return nil }
                var value = 0
                for index in start..<start + count {
                    let digit = Int(bytes[index]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard bytes.count >= 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A,
                  let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
                  hour < 24, minute < 60, second < 60 else { return nil }
            var index = 19
            var milliseconds = 0
            if bytes[index] == 0x2E {
                index += 1
                var digits = 0
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                    if digits < 3 { milliseconds = milliseconds * 10 + Int(bytes[index]) - 48 }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                if digits < 3 { for _ in digits..<3 { milliseconds *= 10 } }
            }
            guard index < bytes.count else { return nil }
            var offset = 0
            if bytes[index] == 0x5A {
                guard index + 1 == bytes.count else { return nil }
            } else if bytes[index] == 0x2B || bytes[index] == 0x2D {
                guard index + 6 == bytes.count, bytes[index + 3] == 0x3A, let hours = number(index + 1, 2),
                      let minutes = number(index + 4, 2), hours < 24, minutes < 60 else { return nil }
                offset = (hours * 3600 + minutes * 60) * (bytes[index] == 0x2D ? -1 : 1)
            } else {
                return nil
            }
            let days = CivilDate(year: year, month: month, day: day).dayNumber
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
            return Date(timeIntervalSince1970: Double(seconds) + Double(milliseconds) / 1000)
        } ?? nil
    }

    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
