import Foundation

/// Reads CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) or
/// tab-separated text into rows, each with the line number it starts on, so every error can say
/// FILE:LINE. A byte-order mark at the start is skipped; CRLF and LF line ends are both read.
///
/// Amazon's flat-file reports are tab-separated without quoting; a quote inside a field there
/// is kept as text (`quoting: false`).
public struct DelimitedTextReader {
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    public enum Problem: Error, Sendable, Hashable {
        /// A quoted field never closed: the file ends inside it.
        case unterminatedQuote(line: Int)
    }

    public static func rows(_ text: String, delimiter: Character, quoting: Bool) -> (rows: [Row], problem: Problem?) {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var rowStart = 1
        var inQuotes = false
        var quoteStart = 0
        var fieldStarted = false
        var iterator = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()).makeIterator() : text.makeIterator()
        var pending: Character? = nil

        func endRow() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowStart, fields: fields)) }
            fields = []
            fieldStarted = false
        }

        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        pending = next
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case delimiter:
                fields.append(field)
                field = ""
                fieldStarted = false
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowStart = line
            case "\"" where quoting && !fieldStarted && field.isEmpty:
                inQuotes = true
                quoteStart = line
                fieldStarted = true
            default:
                field.append(character)
                fieldStarted = true
            }
        }
        if inQuotes { return (rows, .unterminatedQuote(line: quoteStart)) }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return (rows, nil)
    }
}
