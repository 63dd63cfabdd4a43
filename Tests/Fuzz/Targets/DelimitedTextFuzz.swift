import KefuChannels

/// Order reports (CSV and TSV). Two checks on each input:
/// - valid input: the input's bytes, cut into rows and fields, written out as RFC 4180 CSV (and
///   as TSV without quoting when no field needs it), read back as exactly those rows and fields,
///   each row on the line it starts on (the writer is the reference parser's mirror image);
/// - any input: rows come in order of their line, and no row is empty.
enum DelimitedTextFuzz {
    static let target = FuzzTarget("order-report") { bytes throws(FuzzFailure) in
        let text = bytes.text
        for (delimiter, quoting) in [(Character(","), true), (Character("\t"), false), (Character(";"), true)] {
            let read = DelimitedTextReader.rows(text, delimiter: delimiter, quoting: quoting)
            var lastLine = 0
            for row in read.rows {
                try require(row.line > lastLine, "rows out of line order")
                try require(!(row.fields.count == 1 && row.fields[0].isEmpty), "an empty row was returned")
                lastLine = row.line
            }
        }
        let table = rows(from: bytes)
        let csv = write(table, delimiter: ",")
        let parsed = DelimitedTextReader.rows(String(decoding: csv.text, as: UTF8.self), delimiter: ",", quoting: true)
        try require(parsed.problem == nil, "valid CSV reported as unterminated")
        try require(parsed.rows.count == table.count, "\(table.count) rows written, \(parsed.rows.count) read")
        for (index, row) in parsed.rows.enumerated() {
            try require(row.fields == table[index], "row \(index + 1) read back as \(row.fields.debugDescription), written \(table[index].debugDescription)")
            try require(row.line == csv.lines[index], "row \(index + 1) said to start on line \(row.line), not \(csv.lines[index])")
        }
    }

    /// Rows of fields from the input: byte 0x01 ends a field, 0x02 a row; other bytes are text
    /// (decoded as UTF-8). Rows that would read as empty lines are left out.
    static func rows(from bytes: [UInt8]) -> [[String]] {
        var table: [[String]] = []
        for rawRow in bytes.split(separator: 0x02, omittingEmptySubsequences: false) {
            let fields = rawRow.split(separator: 0x01, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            if fields.count == 1 && fields[0].isEmpty { continue }
            table.append(fields)
        }
        return table
    }

    /// RFC 4180: a field with a delimiter, quote, CR or LF, or starting with a byte-order mark,
    /// is quoted with quotes doubled; rows end in CRLF. Also returns the line each row starts on.
    static func write(_ table: [[String]], delimiter: Character) -> (text: [UInt8], lines: [Int]) {
        var out = ""
        var lines: [Int] = []
        var line = 1
        for row in table {
            lines.append(line)
            out += row.map { field in
                let needs = field.unicodeScalars.contains { $0 == "\"" || $0 == "\r" || $0 == "\n" || Character($0) == delimiter } || field.isEmpty && row.count == 1
                    || field.hasPrefix("\u{FEFF}")
                guard needs else { return field }
                // Scalar by scalar: a quote followed by a combining mark is one Character, and
                // replacingOccurrences would not double it.
                var quoted = String.UnicodeScalarView()
                quoted.append("\"")
                for scalar in field.unicodeScalars {
                    quoted.append(scalar)
                    if scalar == "\"" { quoted.append("\"") }
                }
                quoted.append("\"")
                return String(quoted)
            }.joined(separator: String(delimiter))
            out += "\r\n"
            line += 1 + row.joined().unicodeScalars.reduce(0) { count, scalar in count + (scalar == "\n" ? 1 : 0) }
        }
        return (Array(out.utf8), lines)
    }
}
