import Foundation
import KefuCore

/// RFC 5322 dates, read and written without a locale or calendar object (fast and deterministic).
///
/// Reads the current form (`Mon, 23 Nov 2026 08:15:00 +0100`) and the obsolete ones still in
/// circulation: two- and three-digit years, zone names (GMT, EST, PDT...), military zones,
/// missing day names or seconds, comments, `23-Nov-2026`, the asctime form of mbox envelope
/// lines (`Mon Nov 23 08:15:00 2026`), and ISO 8601 from badly written scripts.
public enum MailDate {
    public static func parse(_ text: String) -> Date? {
        var tokens: [Substring] = []
        var depth = 0
        var stripped = ""
        for character in text {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { stripped.append(character) }
        }
        for token in stripped.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" || $0 == "\n" }) {
            if token.contains("-"), token.contains(where: \.isLetter), !token.hasPrefix("-") {
                tokens.append(contentsOf: token.split(separator: "-"))
            } else {
                tokens.append(token)
            }
        }
        if tokens.count == 1, let iso = RFC3339.parse(String(tokens[0])) { return iso }

        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var sawTime = false
        var offset = 0
        for token in tokens {
            let lower = token.lowercased()
            if let value = monthNumber(lower) {
                month = value
            } else if dayNames.contains(String(lower.prefix(3))), lower.allSatisfy(\.isLetter), lower.count >= 3 {
                continue
            } else if token.contains(":") {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
                guard parts.count >= 2, parts.count <= 3, let h = parts[0], let m = parts[1] else { return nil }
                hour = h
                minute = m
                second = parts.count == 3 ? (parts[2] ?? 0) : 0
                sawTime = true
            } else if (token.first == "+" || token.first == "-"), token.count == 5, let value = Int(token.dropFirst()) {
                let sign = token.first == "-" ? -1 : 1
                offset = sign * ((value / 100) * 3600 + (value % 100) * 60)
            } else if let value = Int(token), token.allSatisfy(\.isNumber) {
                if token.count >= 3 {
                    year = value
                } else if day == nil {
                    day = value
                } else {
                    year = value
                }
            } else if let zone = zoneOffsets[lower] {
                offset = zone
            } else if lower.count == 1, lower.first!.isLetter {
                offset = 0 // military zones: RFC 5322 4.3 says to treat them as unknown (UTC)
            } else {
                return nil
            }
        }
        guard var year, let month, let day, sawTime || year > 0 else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        // A year like 99999999999999 overflowed the seconds below and stopped the import
        // (found by fuzzing); outside 1970...9999 the date is unreadable, as InputLimits says.
        guard (1970...9999).contains(year) else { return nil }
        guard (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let days = CivilDate(year: year, month: month, day: day).dayNumber
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `Mon, 23 Nov 2026 08:15:00 +0100` for a date shown at `offsetSeconds` east of UTC.
    public static func format(_ date: Date, offsetSeconds: Int = 0) -> String {
        let local = Int(floor(date.timeIntervalSince1970)) + offsetSeconds
        let days = Int(floor(Double(local) / 86_400))
        let secondsOfDay = local - days * 86_400
        let civil = CivilDate(dayNumber: days)
        let weekday = ((days % 7) + 7 + 4) % 7 // 1970-01-01 was a Thursday
        let sign = offsetSeconds < 0 ? "-" : "+"
        let zone = abs(offsetSeconds) / 60
        return "\(weekdayNames[weekday]), \(civil.day) \(monthNames[civil.month - 1]) \(civil.year) "
            + "\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60)) "
            + "\(sign)\(two(zone / 60))\(two(zone % 60))"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let dayNames: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    private static func monthNumber(_ lower: String) -> Int? {
        guard lower.count >= 3, lower.allSatisfy(\.isLetter) else { return nil }
        let prefix = String(lower.prefix(3))
        guard let index = monthNames.firstIndex(where: { $0.lowercased() == prefix }) else { return nil }
        return index + 1
    }

    /// Zone names RFC 5322 lists as obsolete, plus a few that mailers still write.
    private static let zoneOffsets: [String: Int] = [
        "ut": 0, "gmt": 0, "utc": 0, "z": 0,
        "est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
        "mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
        "bst": 3600, "cet": 3600, "cest": 7200, "met": 3600, "mest": 7200, "eet": 7200, "eest": 3 * 3600,
        "jst": 9 * 3600, "kst": 9 * 3600, "hkt": 8 * 3600,
    ]
}
