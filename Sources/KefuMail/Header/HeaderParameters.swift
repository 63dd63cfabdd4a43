import Foundation

/// A structured header value with parameters: Content-Type and Content-Disposition.
///
///     text/plain; charset="iso-8859-1"; format=flowed
///     attachment; filename*0*=UTF-8''%E5%8F%91%E7%A5%A8; filename*1*=.pdf
///
/// RFC 2045 parameters, RFC 2231 continuations and charset/language/percent encoding, and the
/// widespread (non-standard) RFC 2047 encoded words inside quoted values. Names are lowercased.
public struct HeaderParameters: Sendable, Hashable {
    /// The part before the first ";", lowercased and trimmed ("text/plain", "attachment").
    public var value: String
    public var parameters: [String: String]

    public init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    public subscript(name: String) -> String? { parameters[name.lowercased()] }

    /// Parses raw header bytes; 8-bit bytes in values are read as UTF-8 or `fallbackCharset`.
    public init(parsing raw: [UInt8], fallbackCharset: String? = nil) {
        let text: String
        if let utf8 = TextDecoder.validUTF8(raw) {
            text = utf8
        } else {
            text = TextDecoder.decode(raw, charset: fallbackCharset ?? "windows-1252").text
        }
        self.init(parsing: text)
    }

    public init(parsing text: String) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var head = String.UnicodeScalarView()
        while index < scalars.count, scalars[index] != ";" {
            if scalars[index] == "(" { index = Self.skipComment(scalars, index); continue }
            head.append(scalars[index])
            index += 1
        }
        value = String(head).trimmingCharacters(in: .whitespaces).lowercased()

        // name -> (section number or nil, extended?, raw value)
        var sections: [String: [(section: Int?, extended: Bool, value: String)]] = [:]
        var order: [String] = []
        while index < scalars.count {
            index += 1 // the ";"
            while index < scalars.count, scalars[index].properties.isWhitespace || scalars[index] == ";" {
                if scalars[index] == ";" { break }
                index += 1
            }
            var name = String.UnicodeScalarView()
            while index < scalars.count, scalars[index] != "=", scalars[index] != ";" {
                if !scalars[index].properties.isWhitespace { name.append(scalars[index]) }
                index += 1
            }
            guard index < scalars.count, scalars[index] == "=" else { continue }
            index += 1
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            var raw = String.UnicodeScalarView()
            if index < scalars.count, scalars[index] == "\"" {
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    raw.append(scalars[index])
                    index += 1
                }
                index += 1
                while index < scalars.count, scalars[index] != ";" { index += 1 }
            } else {
                while index < scalars.count, scalars[index] != ";" {
                    raw.append(scalars[index])
                    index += 1
                }
            }
            let rawValue = String(raw).trimmingCharacters(in: .whitespaces)
            let fullName = String(name).lowercased()
            guard !fullName.isEmpty else { continue }
            // RFC 2231: name*  name*0  name*0*  name*1
            var baseName = fullName
            var section: Int?
            var extended = false
            if baseName.hasSuffix("*") {
                extended = true
                baseName.removeLast()
            }
            if let star = baseName.lastIndex(of: "*"), let number = Int(baseName[baseName.index(after: star)...]) {
                section = number
                baseName = String(baseName[..<star])
            }
            if sections[baseName] == nil { order.append(baseName) }
            sections[baseName, default: []].append((section, extended, rawValue))
        }

        var parameters: [String: String] = [:]
        for name in order {
            guard let parts = sections[name] else { continue }
            parameters[name] = Self.combine(parts)
        }
        self.parameters = parameters
    }

    private static func combine(_ parts: [(section: Int?, extended: Bool, value: String)]) -> String {
        // A plain value and RFC 2231 sections may both be present (a fallback for old readers);
        // the RFC 2231 form is the precise one.
        let numbered = parts.filter { $0.section != nil }.sorted { $0.section! < $1.section! }
        let chosen: [(section: Int?, extended: Bool, value: String)]
        if !numbered.isEmpty {
            chosen = numbered
        } else if let extended = parts.last(where: { $0.extended }) {
            chosen = [extended]
        } else {
            return EncodedWordDecoder.decode(parts[0].value)
        }
        var charset: String?
        var bytes: [UInt8] = []
        for (offset, part) in chosen.enumerated() {
            var text = Substring(part.value)
            if part.extended, offset == 0 || part.section == 0 {
                // charset'language'encoded
                let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3 {
                    charset = pieces[0].isEmpty ? nil : String(pieces[0])
                    text = pieces[2]
                }
            }
            if part.extended {
                bytes.append(contentsOf: percentDecode(text))
            } else {
                bytes.append(contentsOf: Array(text.utf8))
            }
        }
        let decoded = TextDecoder.decode(bytes, charset: charset).text
        return charset == nil ? EncodedWordDecoder.decode(decoded) : decoded
    }

    private static func percentDecode(_ text: Substring) -> [UInt8] {
        var output = [UInt8]()
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == 0x25, index + 2 < utf8.count,
               let value = UInt8(String(decoding: utf8[index + 1...index + 2], as: UTF8.self), radix: 16) {
                output.append(value)
                index += 3
            } else {
                output.append(utf8[index])
                index += 1
            }
        }
        return output
    }

    private static func skipComment(_ scalars: [Unicode.Scalar], _ start: Int) -> Int {
        var depth = 0
        var index = start
        while index < scalars.count {
            switch scalars[index] {
            case "\\": index += 1
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        return index
    }
}
