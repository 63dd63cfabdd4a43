import Foundation

/// A CLDR plural category: which grammatical form a count takes in a language.
public enum PluralCategory: String, Sendable, Hashable, CaseIterable {
    case zero, one, two, few, many, other
}

/// The CLDR plural operands of a decimal number as written, so "1" and "1.0" can differ
/// (English says "1 day" but "1.0 days").
///
/// - `n`: absolute value, `i`: integer digits, `v`: count of visible fraction digits,
///   `f`: visible fraction digits as a number, `t`: the same without trailing zeros.
public struct PluralOperands: Sendable, Hashable {
    public var n: Double
    public var i: Int
    public var v: Int
    public var f: Int
    public var t: Int

    public init(_ value: Int) {
        let magnitude = value.magnitude > UInt(Int.max) ? Int.max : Int(value.magnitude)
        self.n = Double(magnitude)
        self.i = magnitude
        self.v = 0
        self.f = 0
        self.t = 0
    }

    /// Reads a number as written: "21", "1.50", "-3", "1,5" (a comma is taken as the decimal
    /// mark). Grouping spaces are ignored. Nil when the text is not a plain number.
    public init?(parsing text: String) {
        var digits = text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        if digits.hasPrefix("-") || digits.hasPrefix("+") { digits.removeFirst() }
        digits = digits.replacingOccurrences(of: ",", with: ".")
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts[0].count <= 15
        else { return nil }
        let integer = Int(parts[0]) ?? 0
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 9 else { return nil }
        let trimmed = String(fraction.reversed().drop { $0 == "0" }.reversed())
        self.i = integer
        self.v = fraction.count
        self.f = Int(fraction) ?? 0
        self.t = Int(trimmed) ?? 0
        self.n = Double("\(integer).\(fraction.isEmpty ? "0" : fraction)") ?? Double(integer)
    }

    /// True when the number has no fraction part at all (as CLDR's `n = 3..10` requires).
    var isWhole: Bool { n == n.rounded(.towardZero) }
}

/// CLDR cardinal plural rules (from the Unicode CLDR `plurals.xml`) for the languages Kefu's
/// customers write in. Templates use them so that "{days}" reads "1 день", "3 дня", "5 дней".
///
/// Languages without a rule here get `other` for every number, which is exactly right for
/// Japanese, Korean and Chinese and a safe default elsewhere.
public enum PluralRules {
    /// Languages with their own rule (others fall back to `other`).
    public static let supportedLanguages: Set<String> = [
        "en", "de", "nl", "sv", "it", "es", "fr", "pt", "ru", "uk", "pl", "ar", "tr", "ja", "ko", "zh",
    ]

    /// The category of `number` in `language` (a BCP 47 tag; only the primary subtag counts,
    /// except `pt-PT`, which CLDR treats like English).
    public static func category(of number: PluralOperands, language: String) -> PluralCategory {
        let tag = language.lowercased().replacingOccurrences(of: "_", with: "-")
        let primary = String(tag.prefix { $0 != "-" })
        let o = number
        switch primary {
        case "en", "de", "nl", "sv":
            return o.i == 1 && o.v == 0 ? .one : .other
        case "it":
            if o.i == 1 && o.v == 0 { return .one }
            return isMillionMultiple(o) ? .many : .other
        case "es":
            if o.n == 1 { return .one }
            return isMillionMultiple(o) ? .many : .other
        case "fr":
            if o.i == 0 || o.i == 1 { return .one }
            return isMillionMultiple(o) ? .many : .other
        case "pt":
            if tag == "pt-pt" {
                if o.i == 1 && o.v == 0 { return .one }
            } else if o.i == 0 || o.i == 1 {
                return .one
            }
            return isMillionMultiple(o) ? .many : .other
        case "ru", "uk":
            guard o.v == 0 else { return .other }
            let mod10 = o.i % 10, mod100 = o.i % 100
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case "pl":
            guard o.v == 0 else { return .other }
            let mod10 = o.i % 10, mod100 = o.i % 100
            if o.i == 1 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case "ar":
            guard o.isWhole else { return .other }
            let whole = o.i
            if whole == 0 { return .zero }
            if whole == 1 { return .one }
            if whole == 2 { return .two }
            let mod100 = whole % 100
            if (3...10).contains(mod100) { return .few }
            if (11...99).contains(mod100) { return .many }
            return .other
        case "tr":
            return o.n == 1 ? .one : .other
        default:
            return .other
        }
    }

    /// Convenience for whole numbers.
    public static func category(of number: Int, language: String) -> PluralCategory {
        category(of: PluralOperands(number), language: language)
    }

    /// CLDR's "many" for French, Spanish, Italian and Portuguese: whole millions
    /// ("1 000 000 de jours"), with no compact exponent since templates never write one.
    private static func isMillionMultiple(_ o: PluralOperands) -> Bool {
        o.v == 0 && o.i != 0 && o.i % 1_000_000 == 0
    }
}
