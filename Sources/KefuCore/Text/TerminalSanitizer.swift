/// Makes untrusted text (anything a customer or a file wrote) safe to draw on a terminal.
///
/// Terminals obey what they are sent: `ESC ] 52 ;` writes the user's clipboard, `ESC ] 0 ;` the
/// window title, and U+009B is a one-character CSI. (GNU less CVE-2022-46663, git CVE-2024-52005,
/// kubectl CVE-2021-25743, util-linux wall CVE-2024-28085 all came from letting such text through.)
/// So before text reaches the terminal:
/// - whole ESC sequences (CSI, OSC, DCS, APC, PM, SOS and two-character escapes) and the C1
///   CSI/OSC/DCS forms are removed and one visible `�` marks where they stood;
/// - other C0 controls, DEL and C1 controls become `�`;
/// - bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) are removed, so text
///   cannot reorder what is drawn after it;
/// - tabs become a space, carriage returns vanish, newlines stay (or become spaces for one line).
///
///     TerminalSanitizer.clean("hi\u{1B}]52;c;ZXZpbA==\u{07}!")  // "hi�!"
public enum TerminalSanitizer {
    /// The mark left where something unsafe was removed.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Sanitised text that keeps its line breaks.
    public static func clean(_ text: String) -> String {
        sanitize(text, keepNewlines: true)
    }

    /// Sanitised text on one line: line breaks and runs of white space become single spaces.
    public static func oneLine(_ text: String) -> String {
        sanitize(text, keepNewlines: false)
    }

    /// One line, trimmed, and at most `maximumCharacters` (the last one `…` when cut): for text
    /// from outside that is stored to be shown later (reading notes, bounce reasons).
    public static func boundedLine(_ text: String, maximumCharacters: Int) -> String {
        let line = oneLine(text).trimmingCharacters(in: .whitespaces)
        return line.count > maximumCharacters ? String(line.prefix(maximumCharacters - 1)) + "…" : line
    }

    /// True when drawing `text` as is would be safe (the sanitiser would change nothing
    /// other than line breaks).
    public static func isSafe(_ text: String) -> Bool {
        sanitize(text, keepNewlines: true) == text.replacingOccurrences(of: "\r", with: "")
    }

    private enum State {
        case text
        case escape            // after ESC
        case controlSequence   // CSI parameters until a final byte
        case controlString     // OSC/DCS/APC/PM/SOS until BEL or ST
        case controlStringEscape // ESC inside a control string (maybe ST)
        case escapeIntermediate // ESC followed by intermediates (e.g. ESC ( B)
    }

    private static func sanitize(_ text: String, keepNewlines: Bool) -> String {
        // Fast path: plain printable text needs no work.
        if text.unicodeScalars.allSatisfy({ isPlain($0) }) {
            return keepNewlines ? text : collapseSpaces(text)
        }
        var out = String.UnicodeScalarView()
        var state = State.text
        var lastWasSpace = false
        func emit(_ scalar: Unicode.Scalar) {
            if !keepNewlines && (scalar == " ") {
                if lastWasSpace { return }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            out.append(scalar)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch state {
            case .text:
                switch v {
                case 0x1B:
                    state = .escape
                case 0x9B:
                    emit(replacement); state = .controlSequence
                case 0x9D, 0x90, 0x9E, 0x9F, 0x98:
                    emit(replacement); state = .controlString
                case 0x0A:
                    emit(keepNewlines ? "\n" : " ")
                case 0x09:
                    emit(" ")
                case 0x0D:
                    continue
                case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                    emit(replacement)
                case 0x202A...0x202E, 0x2066...0x2069:
                    continue
                default:
                    emit(scalar)
                }
            case .escape:
                emit(replacement)
                switch v {
                case 0x5B: state = .controlSequence                 // ESC [
                case 0x5D, 0x50, 0x5F, 0x5E, 0x58: state = .controlString // ESC ] P _ ^ X
                case 0x20...0x2F: state = .escapeIntermediate
                case 0x1B: state = .escape
                default: state = .text                               // two-character escape
                }
            case .escapeIntermediate:
                if !(0x20...0x2F).contains(v) { state = .text }
            case .controlSequence:
                // Parameters and intermediates 0x20–0x3F; a final byte 0x40–0x7E ends it.
                // Anything else (a newline, a letter outside ASCII) also ends it, and is kept.
                if (0x40...0x7E).contains(v) {
                    state = .text
                } else if !(0x20...0x3F).contains(v) {
                    state = .text
                    if v == 0x0A { emit(keepNewlines ? "\n" : " ") }
                }
            case .controlString:
                if v == 0x07 || v == 0x9C { state = .text }
                else if v == 0x1B { state = .controlStringEscape }
            case .controlStringEscape:
                state = (v == 0x5C) ? .text : .controlString
            }
        }
        if state == .escape { out.append(replacement) }
        return String(out)
    }

    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return true }
        if v == 0x0A { return true }
        if v < 0xA0 { return false }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return false }
        return true
    }

    private static func collapseSpaces(_ text: String) -> String {
        // Scalar by scalar: Foundation's substring search on Linux misses "\n" when a combining
        // mark follows it, and the newline went through (found by fuzzing).
        var previousWasSpace = false
        let needsWork = text.unicodeScalars.contains { scalar in
            defer { previousWasSpace = scalar == " " }
            return scalar == "\n" || (scalar == " " && previousWasSpace)
        }
        guard needsWork else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var lastWasSpace = false
        for ch in text {
            if ch == "\n" || ch == " " {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(ch)
                lastWasSpace = false
            }
        }
        return out
    }
}
