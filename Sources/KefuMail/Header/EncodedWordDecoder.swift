/// RFC 2047 encoded words: `=?charset?B?base64?=` and `=?charset?Q?quoted_printable?=`.
///
/// Whitespace between two adjacent encoded words is dropped (RFC 2047 section 6.2). Adjacent
/// words in the same charset are joined as bytes before decoding, because many encoders split a
/// multi-byte character across two words. Each run keeps its own charset. Encoded words glued to
/// other text or inside quotes are decoded too: senders put them there and readers expect it.
public enum EncodedWordDecoder {
    public static func decode(_ text: String) -> String {
        guard text.utf8.count >= 8, text.contains("=?") else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var literalStart = 0
        var index = 0
        var run: (charset: String, bytes: [UInt8])?
        var lastWordEnd = -1

        func flushRun() {
            if let current = run {
                output.append(contentsOf: TextDecoder.decode(current.bytes, charset: current.charset).text.unicodeScalars)
                run = nil
            }
        }

        while index < scalars.count {
            if scalars[index] == "=", index + 1 < scalars.count, scalars[index + 1] == "?",
               let word = parseWord(scalars, at: index) {
                let gap = scalars[literalStart..<index]
                let onlyWhitespace = gap.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
                let adjacentToWord = lastWordEnd == literalStart && onlyWhitespace
                if !adjacentToWord {
                    flushRun()
                    output.append(contentsOf: gap)
                }
                if let current = run, current.charset.lowercased() == word.charset.lowercased() {
                    run!.bytes.append(contentsOf: word.bytes)
                } else {
                    flushRun()
                    run = (word.charset, word.bytes)
                }
                index = word.end
                literalStart = index
                lastWordEnd = index
                continue
            }
            index += 1
        }
        flushRun()
        output.append(contentsOf: scalars[literalStart...])
        return String(output)
    }

    private struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    private static func parseWord(_ scalars: [Unicode.Scalar], at start: Int) -> Word? {
        // =?charset?E?text?=
        var index = start + 2
        let charsetStart = index
        while index < scalars.count, scalars[index] != "?" {
            if scalars[index] == " " || scalars[index] == "\n" || index - charsetStart > 40 { return nil }
            index += 1
        }
        guard index + 3 < scalars.count, index > charsetStart else { return nil }
        let charset = String(String.UnicodeScalarView(scalars[charsetStart..<index]))
        let encoding = scalars[index + 1]
        guard scalars[index + 2] == "?" else { return nil }
        let textStart = index + 3
        var textEnd = textStart
        while textEnd + 1 < scalars.count, !(scalars[textEnd] == "?" && scalars[textEnd + 1] == "=") {
            if scalars[textEnd] == " " && encoding != "Q" && encoding != "q" { return nil }
            if scalars[textEnd] == "\n" { return nil }
            textEnd += 1
        }
        guard textEnd + 1 < scalars.count else { return nil }
        let payload = scalars[textStart..<textEnd].map { $0.isASCII ? UInt8($0.value) : 0x3F }
        let bytes: [UInt8]
        switch encoding {
        case "B", "b": bytes = Base64Decoder.decode(payload)
        case "Q", "q": bytes = QuotedPrintableDecoder.decode(payload, underscoreIsSpace: true)
        default: return nil
        }
        return Word(charset: charset, bytes: bytes, end: textEnd + 2)
    }
}
