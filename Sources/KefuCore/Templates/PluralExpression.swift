import Foundation

/// One count placeholder in a template: `{days|plural: one=# day; other=# days}`.
///
/// The part before `|` names the value (filled like any placeholder); after `plural:` come
/// `category=text` forms separated by `;`, where `#` stands for the number as written. The
/// categories are CLDR's: `zero`, `one`, `two`, `few`, `many`, `other`. A form missing for the
/// number's category falls back to `other`, so every expression must have an `other` form.
public struct PluralExpression: Sendable, Hashable {
    public var name: String
    public var forms: [PluralCategory: String]

    public init(name: String, forms: [PluralCategory: String]) {
        self.name = name
        self.forms = forms
    }

    /// Parses the text between the braces; nil when it is not a well-formed plural expression.
    public init?(parsing inner: Substring) {
        guard let bar = inner.firstIndex(of: "|") else { return nil }
        let name = inner[..<bar].trimmingCharacters(in: .whitespaces)
        var rest = inner[inner.index(after: bar)...].drop { $0 == " " }
        guard TemplateRenderer.isPlaceholderName(name), rest.hasPrefix("plural:") else { return nil }
        rest = rest.dropFirst("plural:".count)
        var forms: [PluralCategory: String] = [:]
        for piece in rest.split(separator: ";") {
            guard let equals = piece.firstIndex(of: "=") else { return nil }
            let key = piece[..<equals].trimmingCharacters(in: .whitespaces)
            guard let category = PluralCategory(rawValue: key), forms[category] == nil else { return nil }
            forms[category] = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        guard forms[.other] != nil else { return nil }
        self.name = name
        self.forms = forms
    }

    /// The form for `value` in `language`, with `#` replaced by the value; nil when the value is
    /// not a number.
    public func render(value: String, language: String) -> String? {
        let written = value.trimmingCharacters(in: .whitespaces)
        guard let operands = PluralOperands(parsing: written) else { return nil }
        let category = PluralRules.category(of: operands, language: language)
        let form = forms[category] ?? forms[.other]!
        return form.replacingOccurrences(of: "#", with: written)
    }
}
