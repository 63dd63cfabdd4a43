import Foundation

/// Turns a reply written for one customer back into a template anyone can use: the customer's
/// name, the order and tracking numbers, the tracking page, the agent and the store become the
/// fields they came from (`{customer_name}`, `{order_id}`, …). Saving "Dear 渡辺 健," as a
/// personal template and inserting it for Lucía would greet the wrong person — the issue saw it.
///
///     TemplateGeneralizer.generalize("Dear Mason Lee, order 302-1 …",
///                                    context: ["customer_name": "Mason Lee", "order_id": "302-1"])
///     // "Dear {customer_name}, order {order_id} …"
///
/// Longer values go first (the full name before the first name, the tracking URL before the
/// number inside it); Latin-script values are replaced as whole words only, so "Ann" in
/// "Annual" stays.
public enum TemplateGeneralizer {
    /// Fields replaced, in the order they are tried when two values are equally long.
    static let fields = ["tracking_url", "customer_name", "order_id", "tracking_number", "agent_name", "store_name",
                         "customer_first_name", "carrier"]

    public static func generalize(_ text: String, context: TemplateContext) -> String {
        // "signature" is agent + store on two lines: the two fields cover it.
        var candidates: [(field: String, value: String)] = []
        for field in fields {
            guard let value = context[field]?.trimmingCharacters(in: .whitespacesAndNewlines), value.count >= 2 else { continue }
            candidates.append((field, value))
        }
        candidates.sort { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : fields.firstIndex(of: $0.field)! < fields.firstIndex(of: $1.field)! }
        var result = text
        for (field, value) in candidates {
            result = replacingWholeWords(value, with: "{\(field)}", in: result)
        }
        return result
    }

    private static func isLatinAlphanumeric(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.value < 0x250 } && (c.isLetter || c.isNumber)
    }

    private static func replacingWholeWords(_ value: String, with replacement: String, in text: String) -> String {
        let unspaced = value.unicodeScalars.contains { (0x3040...0x9FFF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value) }
        var result = ""
        var index = text.startIndex
        while let range = text.range(of: value, range: index..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let inBraces = before == "{" && after == "}"
            // A boundary is only broken by a neighbour of the same kind: "Ann" in "Annual", not
            // "114-…" right after ご注文.
            func joins(_ neighbour: Character?, _ edge: Character?) -> Bool {
                guard let neighbour, let edge, neighbour.isLetter || neighbour.isNumber else { return false }
                return isLatinAlphanumeric(neighbour) == isLatinAlphanumeric(edge)
            }
            let whole = unspaced || (!joins(before, value.first) && !joins(after, value.last))
            result += text[index..<range.lowerBound]
            result += whole && !inBraces ? replacement : String(text[range])
            index = range.upperBound
        }
        result += text[index...]
        return result
    }
}
