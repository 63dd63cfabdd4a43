/// How long a target allows, written the way a team lead says it:
///
///     24h     24 calendar hours (weekends, nights and holidays count)
///     5d      5 calendar days, i.e. 120 hours
///     1h30m   calendar hours and minutes; s for seconds
///     4bh     4 business hours on the policy's calendar (30bm: business minutes)
///     3bd     by the close of the 3rd working day after the day the clock starts
///     1bd     "next business day": by the close of the next working day
///
/// Calendar and business units do not mix in one duration.
public enum SLADuration: Sendable, Hashable, CustomStringConvertible {
    case calendar(seconds: Double)
    case businessTime(seconds: Double)
    case businessDays(Int)

    public init?(parsing text: String) {
        let units: [(suffix: String, seconds: Double, business: Bool)] = [
            ("bd", 0, true), ("bh", 3600, true), ("bm", 60, true),
            ("d", 86_400, false), ("h", 3600, false), ("m", 60, false), ("s", 1, false),
        ]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        var seconds = 0.0, days = 0, kinds = Set<String>(), seen = Set<String>()
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber }
            guard !digits.isEmpty, let amount = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }), !seen.contains(unit.suffix) else { return nil }
            seen.insert(unit.suffix)
            rest = rest.dropFirst(unit.suffix.count)
            if unit.suffix == "bd" {
                days = amount
                kinds.insert("days")
            } else {
                seconds += Double(amount) * unit.seconds
                kinds.insert(unit.business ? "business" : "calendar")
            }
        }
        switch kinds {
        case ["calendar"] where seconds > 0: self = .calendar(seconds: seconds)
        case ["business"] where seconds > 0: self = .businessTime(seconds: seconds)
        case ["days"] where days > 0: self = .businessDays(days)
        default: return nil
        }
    }

    /// Whether the duration is counted on a business calendar.
    public var isBusiness: Bool {
        if case .calendar = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .calendar(let seconds): SLADuration.spell(seconds, business: false)
        case .businessTime(let seconds): SLADuration.spell(seconds, business: true)
        case .businessDays(let days): "\(days)bd"
        }
    }

    private static func spell(_ seconds: Double, business: Bool) -> String {
        var left = Int(seconds), text = ""
        let parts: [(Int, String)] = business
            ? [(3600, "bh"), (60, "bm")]
            : [(86_400, "d"), (3600, "h"), (60, "m"), (1, "s")]
        for (size, unit) in parts where left >= size {
            text += "\(left / size)\(unit)"
            left %= size
        }
        return text.isEmpty ? (business ? "0bm" : "0s") : text
    }
}
