/// Reads one JSON object — a line of `kefu ingest` — into its top-level fields. JSON as RFC 8259
/// has it, plus a trailing comma before `}` or `]`, which Foundation's reader (used before) took
/// too; anything else is an error. Nested objects, numbers and booleans are checked and
/// kept only as "other"; strings and arrays of strings, which are all a message line carries,
/// are decoded.
///
/// Written for speed: `JSONSerialization` builds a dictionary of `Any` and was the larger half
/// of reading a line; this walks the bytes once.
public enum FlatJSONObject {
    public enum Value: Sendable, Hashable {
        case string(String)
        case strings([String])
        case null
        /// A number, a boolean, an object, or an array that is not all strings.
        case other
    }

    public struct Invalid: Error, Sendable, Hashable {}

    /// Nesting deeper than this is refused rather than followed (hostile input).
    static let maximumDepth = 64

    public static func parse(_ text: Substring) throws(Invalid) -> [String: Value] {
        var text = text
        let parsed = text.withUTF8 { bytes -> [String: Value]? in
            var reader = Reader(bytes: bytes)
            return try? reader.topLevel()
        }
        guard let parsed else { throw Invalid() }
        return parsed
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func topLevel() throws(Invalid) -> [String: Value] {
            skipSpace()
            try expect(UInt8(ascii: "{"))
            var fields: [String: Value] = [:]
            try members { reader, key throws(Invalid) in fields[key] = try reader.value(depth: 1) }
            skipSpace()
            guard at == bytes.count else { throw Invalid() }
            return fields
        }

        private mutating func value(depth: Int) throws(Invalid) -> Value {
            guard depth <= FlatJSONObject.maximumDepth, let byte = peek() else { throw Invalid() }
            switch byte {
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "["):
                at += 1
                var strings: [String] = []
                var allStrings = true
                try items(closedBy: UInt8(ascii: "]")) { reader throws(Invalid) in
                    if case .string(let text) = try reader.value(depth: depth + 1) { strings.append(text) } else { allStrings = false }
                }
                return allStrings ? .strings(strings) : .other
            case UInt8(ascii: "{"):
                at += 1
                try members { reader, _ throws(Invalid) in _ = try reader.value(depth: depth + 1) }
                return .other
            case UInt8(ascii: "t"): try literal("true"); return .other
            case UInt8(ascii: "f"): try literal("false"); return .other
            case UInt8(ascii: "n"): try literal("null"); return .null
            default:
                try number()
                return .other
            }
        }

        /// The members of an object after its `{`: `member` reads each value after its key.
        private mutating func members(_ member: (inout Reader, String) throws(Invalid) -> Void) throws(Invalid) {
            try items(closedBy: UInt8(ascii: "}")) { reader throws(Invalid) in
                let key = try reader.string()
                reader.skipSpace()
                try reader.expect(UInt8(ascii: ":"))
                reader.skipSpace()
                try member(&reader, key)
            }
        }

        /// The items of an array or an object after its opening bracket, separated by commas; one
        /// trailing comma before `close` is taken, as Foundation's reader takes it.
        private mutating func items(closedBy close: UInt8, _ item: (inout Reader) throws(Invalid) -> Void) throws(Invalid) {
            skipSpace()
            if peek() == close { at += 1; return }
            while true {
                skipSpace()
                try item(&self)
                skipSpace()
                guard peek() == UInt8(ascii: ",") else { return try expect(close) }
                at += 1
                skipSpace()
                if peek() == close { at += 1; return }
            }
        }

        /// A string literal; the common case without escapes is decoded straight from the bytes.
        private mutating func string() throws(Invalid) -> String {
            try expect(UInt8(ascii: "\""))
            let start = at
            while at < bytes.count {
                let byte = bytes[at]
                if byte == UInt8(ascii: "\"") {
                    defer { at += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
                if byte < 0x20 { throw Invalid() }
                at += 1
            }
            throw Invalid()
        }

        private mutating func escapedString(from start: Int) throws(Invalid) -> String {
            var decoded = Array(UnsafeBufferPointer(rebasing: bytes[start..<at]))
            while at < bytes.count {
                let byte = bytes[at]
                at += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: decoded, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escape = peek() else { throw Invalid() }
                    at += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = UInt32(try hex4())
                        if (0xD800...0xDBFF).contains(scalar) {
                            // A high surrogate must be followed by an escaped low one.
                            guard peek() == UInt8(ascii: "\\") else { throw Invalid() }
                            at += 1
                            try expect(UInt8(ascii: "u"))
                            let low = UInt32(try hex4())
                            guard (0xDC00...0xDFFF).contains(low) else { throw Invalid() }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            throw Invalid()
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw Invalid() }
                        decoded.append(contentsOf: String(Character(unicode)).utf8)
                    default:
                        throw Invalid()
                    }
                default:
                    if byte < 0x20 { throw Invalid() }
                    decoded.append(byte)
                }
            }
            throw Invalid()
        }

        private mutating func hex4() throws(Invalid) -> UInt16 {
            guard at + 4 <= bytes.count else { throw Invalid() }
            var value: UInt16 = 0
            for _ in 0..<4 {
                let byte = bytes[at]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Invalid()
                }
                value = value << 4 | UInt16(digit)
                at += 1
            }
            return value
        }

        /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        private mutating func number() throws(Invalid) {
            if peek() == UInt8(ascii: "-") { at += 1 }
            if peek() == UInt8(ascii: "0") {
                at += 1
            } else {
                guard try digits() > 0 else { throw Invalid() }
            }
            if peek() == UInt8(ascii: ".") {
                at += 1
                guard try digits() > 0 else { throw Invalid() }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                at += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { at += 1 }
                guard try digits() > 0 else { throw Invalid() }
            }
        }

        private mutating func digits() throws(Invalid) -> Int {
            var count = 0
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                at += 1
                count += 1
            }
            return count
        }

        private mutating func literal(_ word: StaticString) throws(Invalid) {
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard at + expected.count <= bytes.count else { throw Invalid() }
            for byte in expected {
                guard bytes[at] == byte else { throw Invalid() }
                at += 1
            }
        }

        private mutating func expect(_ byte: UInt8) throws(Invalid) {
            guard peek() == byte else { throw Invalid() }
            at += 1
        }

        private func peek() -> UInt8? {
            at < bytes.count ? bytes[at] : nil
        }

        private mutating func skipSpace() {
            while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { at += 1 }
        }
    }
}
