import KefuCore

/// The terminal sanitiser: its output never holds a C0 control other than newline, DEL, a C1
/// control or a bidirectional override or isolate; the one-line form holds no newline either;
/// cleaning twice changes nothing more; and cut to a width, the text is never wider than asked.
enum TerminalSanitizerFuzz {
    static func isForbidden(_ scalar: Unicode.Scalar, oneLine: Bool) -> Bool {
        let value = scalar.value
        if value == 0x0A { return oneLine }
        return value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    static let target = FuzzTarget("sanitizer") { bytes throws(FuzzFailure) in
        let text = bytes.text
        let clean = TerminalSanitizer.clean(text)
        let line = TerminalSanitizer.oneLine(text)
        try require(!clean.unicodeScalars.contains { isForbidden($0, oneLine: false) }, "clean() let a control or bidi override through")
        try require(!line.unicodeScalars.contains { isForbidden($0, oneLine: true) }, "oneLine() let a control, newline or bidi override through")
        try require(TerminalSanitizer.clean(clean) == clean, "cleaning twice changed the text again")
        try require(TerminalSanitizer.isSafe(clean), "cleaned text is not called safe")
        let columns = Int(bytes.first ?? 0) % 90
        let cut = DisplayWidth.truncate(line, to: columns)
        try require(DisplayWidth.of(cut) <= columns, "cut to \(columns) columns, \(DisplayWidth.of(cut)) wide")
        let fitted = DisplayWidth.fit(line, to: columns)
        try require(DisplayWidth.of(fitted) == columns, "fitted to \(columns) columns, \(DisplayWidth.of(fitted)) wide")
    }
}
