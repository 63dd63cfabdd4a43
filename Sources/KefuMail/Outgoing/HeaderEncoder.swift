import Foundation
import KefuCore

/// Writes header fields for outgoing mail: ASCII folded at spaces to 78 columns, non-ASCII
/// text as RFC 2047 UTF-8 encoded words of at most 75 characters, one per folded line, never
/// splitting a character. Q encoding when it is shorter (mostly Latin text), else B.
public enum HeaderEncoder {
    /// `Name: value` with CRLF line ends, the final CRLF included.
    public static func unstructured(_ name: String, _ value: String) -> String {
        let value = HeaderText.collapseWhitespace(value)
        // Text that holds "=?" goes the careful way even when it is ASCII: written plain, a
        // reader would decode what looks like an encoded word in it (found by fuzzing).
        if value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }), !value.contains("=?") {
            return fold(name + ": ", words: value.split(separator: " ").map(String.init), separator: " ")
        }
        // Plain words stay readable; each run of words that need encoding becomes encoded
        // words, the spaces inside the run encoded with it (RFC 2047 drops whitespace between
        // adjacent encoded words).
        var tokens: [String] = []
        var run: [Substring] = []
        func flushRun() {
            if !run.isEmpty { tokens += encodedWords(run.joined(separator: " "), firstLineUsed: 1) }
            run = []
        }
        for word in value.split(separator: " ") {
            let plain = word.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x21 && $0.value < 0x7F } && !word.contains("=?")
            if plain {
                flushRun()
                tokens.append(String(word))
            } else {
                run.append(word)
            }
        }
        flushRun()
        return fold(name + ": ", words: tokens, separator: " ")
    }

    /// An address list field, display names quoted or encoded as needed.
    public static func addresses(_ name: String, _ addresses: [MailAddress]) -> String {
        let items = addresses.enumerated().map { index, address in
            mailbox(address, firstLineUsed: index == 0 ? name.count + 2 : 1) + (index < addresses.count - 1 ? "," : "")
        }
        return fold(name + ": ", words: items, separator: " ")
    }

    /// A list of message ids in angle brackets, folded between ids.
    public static func messageIDs(_ name: String, _ ids: [String]) -> String {
        fold(name + ": ", words: ids.map { "<\($0)>" }, separator: " ")
    }

    static func mailbox(_ address: MailAddress, firstLineUsed: Int) -> String {
        let name = HeaderText.collapseWhitespace(address.name)
        let localPart = String(address.address.prefix { $0 != "@" })
        if name.isEmpty || name == localPart { return "<\(address.address)>" }
        if name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) {
            let atom = name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || " !#$%&'*+-/=?^_`{|}~".unicodeScalars.contains($0) }
            let phrase = atom ? name : "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            return "\(phrase) <\(address.address)>"
        }
        // Encoded words separated by folding whitespace, then the address.
        return encodedWords(name, firstLineUsed: firstLineUsed).joined(separator: "\r\n ") + " <\(address.address)>"
    }

    /// Joins `words` after `prefix`, starting a continuation line (CRLF SP) before a word that
    /// would pass column 78. Words containing CRLF (already folded) reset the column.
    static func fold(_ prefix: String, words: [String], separator: String) -> String {
        var result = prefix
        var column = prefix.utf8.count
        for (index, word) in words.enumerated() {
            let firstLineLength = word.components(separatedBy: "\r\n").first?.utf8.count ?? 0
            if index > 0 {
                if column + separator.utf8.count + firstLineLength > 78 {
                    result += "\r\n "
                    column = 1
                } else {
                    result += separator
                    column += separator.utf8.count
                }
            }
            result += word
            if let lastBreak = word.range(of: "\r\n", options: .backwards) {
                column = word[lastBreak.upperBound...].utf8.count
            } else {
                column += word.utf8.count
            }
        }
        return result + "\r\n"
    }

    /// UTF-8 encoded words for `text`; each fits on its own line (76 columns with the header
    /// name on the first line), and each holds whole characters.
    static func encodedWords(_ text: String, firstLineUsed: Int) -> [String] {
        let bytes = Array(text.utf8)
        let qLength = bytes.reduce(0) { $0 + (qSafe($1) || $1 == 0x20 ? 1 : 3) }
        let useQ = qLength <= (bytes.count + 2) / 3 * 4
        var words: [String] = []
        var chunk: [UInt8] = []
        var available = 76 - firstLineUsed - 12
        func encodedLength(_ bytes: [UInt8]) -> Int {
            useQ ? bytes.reduce(0) { $0 + (qSafe($1) || $1 == 0x20 ? 1 : 3) } : (bytes.count + 2) / 3 * 4
        }
        for character in text {
            let piece = Array(String(character).utf8)
            if !chunk.isEmpty, encodedLength(chunk + piece) > max(available, 8) {
                words.append(encodeWord(chunk, useQ: useQ))
                chunk = []
                available = 76 - 1 - 12
            }
            chunk += piece
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodeWord(chunk, useQ: useQ)) }
        return words
    }

    private static func encodeWord(_ bytes: [UInt8], useQ: Bool) -> String {
        if useQ {
            var encoded = ""
            for byte in bytes {
                if byte == 0x20 {
                    encoded += "_"
                } else if qSafe(byte) {
                    encoded.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    let hex = String(byte, radix: 16, uppercase: true)
                    encoded += "=" + (hex.count == 1 ? "0" + hex : hex)
                }
            }
            return "=?UTF-8?Q?\(encoded)?="
        }
        return "=?UTF-8?B?\(Base64Encoder.encode(bytes))?="
    }

    /// Characters RFC 2047 5(3) allows unencoded in a Q word anywhere (phrases included).
    private static func qSafe(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x21 || byte == 0x2A || byte == 0x2B || byte == 0x2D || byte == 0x2F
    }
}
