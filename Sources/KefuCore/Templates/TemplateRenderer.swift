import Foundation

/// The values placeholders are filled from: the ticket, its customer and order, the agent.
///
/// Filled from context by the console (document any new one here):
/// - `customer_name`, `customer_first_name`: as the customer signs, or the marketplace's name;
/// - `order_id`: the marketplace's order number;
/// - `tracking_number`, `carrier`, `tracking_url`: the newest parcel of the order;
/// - `agent_name`, `store_name`, `signature`: the agent's profile and the store.
///
/// Everything else is a template's own field (`discount_percent`, `item_number`, ...), typed by
/// the agent in the order the template's `fields:` header lists them.
public struct TemplateContext: Sendable, Hashable {
    /// The placeholder names the console fills from the ticket and the agent profile.
    public static let contextNames: [String] = [
        "customer_name", "customer_first_name", "order_id", "tracking_number", "carrier", "tracking_url",
        "agent_name", "store_name", "signature",
    ]

    public var values: [String: String]
    /// The language whose plural rules choose count forms (BCP 47); nil means English.
    public var language: String?

    public init(values: [String: String] = [:], language: String? = nil) {
        self.values = values
        self.language = language
    }

    public subscript(key: String) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }
}

/// Fills placeholders in template text. Unknown or empty ones stay as they are, visibly, so
/// that a reply with a hole in it cannot be mistaken for a finished one (the reply checks block
/// sending it).
///
/// Syntax:
/// - `{name}`: replaced by the value of `name` (ASCII letters, digits and `_`).
/// - `{days|plural: one=# day; other=# days}`: a count. The value of `days` must be a number;
///   its CLDR plural category in the context's language picks the form, and `#` in the form is
///   replaced by the number as written. Categories: `zero`, `one`, `two`, `few`, `many`,
///   `other`; `other` is required and used whenever the number's own form is missing. Russian:
///   `{days|plural: one=# день; few=# дня; many=# дней; other=# дня}` gives "21 день", "3 дня",
///   "11 дней", "1.5 дня". Japanese needs only `{days|plural: other=#日}`.
public enum TemplateRenderer {
    public static func render(_ text: String, with context: TemplateContext) -> String {
        render(text, with: context, language: context.language ?? "en")
    }

    /// Renders with the plural rules of `language`, whatever the context says.
    public static func render(_ text: String, with context: TemplateContext, language: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let ch = text[index]
            if ch == "{", let close = text[index...].firstIndex(of: "}") {
                let inner = text[text.index(after: index)..<close]
                if let filled = fill(inner, context: context, language: language) {
                    out += filled
                    index = text.index(after: close)
                    continue
                }
            }
            out.append(ch)
            index = text.index(after: index)
        }
        return out
    }

    /// The placeholders still present in `text` (plain or plural), in order of appearance.
    public static func placeholders(in text: String) -> [String] {
        occurrences(in: text).map(\.name)
    }

    /// A placeholder found in text: its name and where the whole `{...}` sits.
    public struct Occurrence: Sendable, Hashable {
        public var name: String
        public var range: Range<String.Index>
    }

    /// Every placeholder in `text` with its position, for checks that must say where.
    public static func occurrences(in text: String) -> [Occurrence] {
        var found: [Occurrence] = []
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "{") {
            guard let close = text[open...].firstIndex(of: "}") else { break }
            let inner = text[text.index(after: open)..<close]
            if let name = placeholderName(inner) {
                found.append(Occurrence(name: name, range: open..<text.index(after: close)))
                index = text.index(after: close)
            } else {
                index = text.index(after: open)
            }
        }
        return found
    }

    static func isPlaceholderName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    private static func placeholderName(_ inner: Substring) -> String? {
        if isPlaceholderName(String(inner)) { return String(inner) }
        return PluralExpression(parsing: inner)?.name
    }

    private static func fill(_ inner: Substring, context: TemplateContext, language: String) -> String? {
        let plain = String(inner)
        if isPlaceholderName(plain) {
            guard let value = context.values[plain], !value.isEmpty else { return nil }
            return value
        }
        guard let plural = PluralExpression(parsing: inner),
            let value = context.values[plural.name], !value.isEmpty
        else { return nil }
        return plural.render(value: value, language: language)
    }
}

extension Template {
    /// The variant for a customer's language, rendered with that variant's plural rules.
    public func rendered(for language: String?, with context: TemplateContext) -> (language: String, text: String) {
        let variant = body(for: language)
        return (variant.language, TemplateRenderer.render(variant.text, with: context, language: variant.language))
    }

    /// The distinct placeholders a variant uses, in order of first appearance.
    public func placeholders(for language: String?) -> [String] {
        var seen = Set<String>()
        return TemplateRenderer.placeholders(in: body(for: language).text).filter { seen.insert($0).inserted }
    }
}
