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

    /// Reads scalar by scalar, not by `Character`: a combining mark after a quote or a delimiter
    /// (`",\u{301}"`) would otherwise join it into one grapheme and hide it (found by fuzzing).
    public static func rows(_ text: String, delimiter: Character, quoting: Bool) -> (rows: [Row], problem: Problem?) {
        let separator = delimiter.unicodeScalars.first ?? ","
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var rowStart = 1
        var inQuotes = false
        var quoteStart = 0
        var fieldStarted = false
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        if index < scalars.endIndex, scalars[index] == "\u{FEFF}" { index = scalars.index(after: index) }

        func endRow() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowStart, fields: fields)) }
            fields = []
            fieldStarted = false
        }
        func peek() -> Unicode.Scalar? {
            index < scalars.endIndex ? scalars[index] : nil
        }

        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if inQuotes {
                if scalar == "\"" {
                    if peek() == "\"" {
                        field.append("\"")
                        index = scalars.index(after: index)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case separator:
                fields.append(String(field))
                field = String.UnicodeScalarView()
                fieldStarted = false
            case "\n", "\r":
                if scalar == "\r", peek() == "\n" { index = scalars.index(after: index) }
                endRow()
                line += 1
                rowStart = line
            case "\"" where quoting && !fieldStarted && field.isEmpty:
                inQuotes = true
                quoteStart = line
                fieldStarted = true
            default:
                field.append(scalar)
                fieldStarted = true
            }
        }
        if inQuotes { return (rows, .unterminatedQuote(line: quoteStart)) }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return (rows, nil)
    }
}
