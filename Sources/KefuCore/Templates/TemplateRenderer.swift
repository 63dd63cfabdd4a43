import Foundation

/// The values placeholders are filled from: the ticket, its customer and order, the agent.
///
/// Names: `customer_name`, `customer_first_name`, `order_id`, `tracking_number`, `carrier`,
/// `tracking_url`, `agent_name`, `store_name`, `signature`, plus whatever the agent typed for a
/// template's own fields.
public struct TemplateContext: Sendable, Hashable {
    public var values: [String: String]

    public init(values: [String: String] = [:]) {
        self.values = values
    }

    public subscript(key: String) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }
}

/// Fills `{placeholder}`s. Unknown or empty ones stay as they are, visibly, so that a reply
/// with a hole in it cannot be mistaken for a finished one.
public enum TemplateRenderer {
    public static func render(_ text: String, with context: TemplateContext) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let ch = text[index]
            if ch == "{", let close = text[index...].firstIndex(of: "}") {
                let name = String(text[text.index(after: index)..<close])
                if isPlaceholderName(name), let value = context.values[name], !value.isEmpty {
                    out += value
                    index = text.index(after: close)
                    continue
                }
            }
            out.append(ch)
            index = text.index(after: index)
        }
        return out
    }

    /// The placeholders still present in `text`, in order of appearance.
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "{") {
            guard let close = text[open...].firstIndex(of: "}") else { break }
            let name = String(text[text.index(after: open)..<close])
            if isPlaceholderName(name) { names.append(name) }
            index = text.index(after: open)
        }
        return names
    }

    static func isPlaceholderName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
