import Foundation

/// The order ids of `kefu notify --orders FILE.csv`: one id a line, or a CSV whose header
/// names a column `order`, `order_id`, `order-id`, `order id` or `amazon-order-id` (any case;
/// fields may be quoted as RFC 4180 says). Blank lines are skipped, spaces around an id
/// trimmed, and each id is kept once, in the order of the file.
///
///     NoticeOrderFile.ids(in: "order_id,name\n114-1,Anna\n")   // ["114-1"]
///     NoticeOrderFile.ids(in: "114-1\n114-2\n")                // ["114-1", "114-2"]
public enum NoticeOrderFile {
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    static let columnNames: Set<String> = ["order", "order_id", "order-id", "order id", "orderid", "amazon-order-id", "order number"]

    public static func ids(in text: String) throws -> [String] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: true)
            .map { String($0) }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first else { throw Problem(description: "the file holds no order ids") }
        let headerFields = fields(header).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column = 0
        var body = lines[...]
        if let index = headerFields.firstIndex(where: { columnNames.contains($0) }) {
            column = index
            body = lines.dropFirst()
        } else if headerFields.count > 1 {
            throw Problem(description: "the first line has \(headerFields.count) columns and none is named order or order_id (give one id a line, or a CSV with an order column)")
        }
        var seen = Set<String>()
        var ids: [String] = []
        for line in body {
            let row = fields(line)
            guard column < row.count else { continue }
            let id = row[column].trimmingCharacters(in: .whitespaces)
            if !id.isEmpty, seen.insert(id).inserted { ids.append(id) }
        }
        guard !ids.isEmpty else { throw Problem(description: "the file holds no order ids under its header") }
        return ids
    }

    /// One CSV line's fields (quotes, doubled quotes inside them, commas inside quotes).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var chars = line.makeIterator()
        while let ch = chars.next() {
            if quoted {
                if ch == "\"" {
                    // A doubled quote is a quote; a single one ends the quoted part.
                    var peek = chars
                    if peek.next() == "\"" { current.append("\""); _ = chars.next() } else { quoted = false }
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        fields.append(current)
        return fields
    }
}
