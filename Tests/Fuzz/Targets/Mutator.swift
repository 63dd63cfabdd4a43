/// SplitMix64: a small seeded generator, so a failing run can be repeated from its seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Byte-level mutations in the manner of libFuzzer's default ones (flip, set, insert, erase,
/// copy a range, splice another input, insert a token), used where libFuzzer is not built in.
/// Tokens are the pieces of syntax the parsers branch on, so mutations reach past the first check.
public struct Mutator {
    public static let tokens: [[UInt8]] = [
        "\r\n", "\n\n", "\r\n\r\n", "--", "boundary=", "boundary=\"b\"", "Content-Type: multipart/mixed; ",
        "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable", "charset=",
        "=?utf-8?b?", "=?iso-8859-1?q?", "?=", "=\r\n", "=E9", "From ", ">From ", "From: ", "Subject: ",
        "\"", "\"\"", ",", ";", "\t", "\\u", "\\ud83d\\ude00", "\\ud800", "{\"id\":\"", "\":", "\"}", "[", "]",
        "null", "true", "1e999", "\u{1B}[", "\u{1B}]52;c;", "\u{07}", "\u{9B}", "\u{202E}", "\u{2066}",
        "\u{0301}", "\u{FEFF}", "日本語", "👩‍👩‍👧", ":2,S", "{", "}", "{customer_name}", "--- en\n", "name: ",
        "sla:\n", "  policies:\n", "- ", ": ", "&a", "*a", "!!", "https://", "http://xn--", "@", "1Z", "RB", "GB",
        "<a href=\"", "\">", "</a>",
    ].map { Array($0.utf8) }

    public var generator: SeededGenerator
    public let maximumLength: Int

    public init(seed: UInt64, maximumLength: Int = 8192) {
        generator = SeededGenerator(seed: seed)
        self.maximumLength = maximumLength
    }

    public mutating func mutate(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            bytes = mutateOnce(bytes, other: other)
        }
        return bytes.count > maximumLength ? Array(bytes.prefix(maximumLength)) : bytes
    }

    private mutating func position(in bytes: [UInt8]) -> Int {
        Int.random(in: 0...bytes.count, using: &generator)
    }

    private mutating func mutateOnce(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
        var bytes = input
        switch Int.random(in: 0..<8, using: &generator) {
        case 0 where !bytes.isEmpty:
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
        case 1 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
        case 2:
            let count = Int.random(in: 1...8, using: &generator)
            bytes.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }, at: position(in: bytes))
        case 3 where !bytes.isEmpty:
            let start = Int.random(in: 0..<bytes.count, using: &generator)
            let end = min(bytes.count, start + Int.random(in: 1...64, using: &generator))
            bytes.removeSubrange(start..<end)
        case 4 where !bytes.isEmpty:
            let start = Int.random(in: 0..<bytes.count, using: &generator)
            let end = min(bytes.count, start + Int.random(in: 1...256, using: &generator))
            let copy = Array(bytes[start..<end])
            let times = Int.random(in: 1...(Int.random(in: 0..<10, using: &generator) == 0 ? 64 : 2), using: &generator)
            for _ in 0..<times { bytes.insert(contentsOf: copy, at: position(in: bytes)) }
        case 5 where !other.isEmpty:
            let cut = position(in: bytes)
            let from = Int.random(in: 0..<other.count, using: &generator)
            bytes = Array(bytes[..<cut]) + Array(other[from...])
        case 6:
            bytes = Array(bytes.prefix(position(in: bytes)))
        default:
            let token = Self.tokens[Int.random(in: 0..<Self.tokens.count, using: &generator)]
            bytes.insert(contentsOf: token, at: position(in: bytes))
        }
        return bytes
    }
}
