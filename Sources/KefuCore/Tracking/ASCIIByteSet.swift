/// A set of ASCII bytes as two 64-bit masks: membership is one shift and one AND, which is what
/// lets a million numbers a second go through the pattern matcher without regular expressions.
struct ASCIIByteSet: Sendable, Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    static let digits = ASCIIByteSet(range: UInt8(ascii: "0")...UInt8(ascii: "9"))
    static let letters = ASCIIByteSet(range: UInt8(ascii: "A")...UInt8(ascii: "Z"))
    static let lettersAndDigits = digits.union(letters)

    init() {}

    init(range: ClosedRange<UInt8>) {
        for byte in range { insert(byte) }
    }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 {
            low |= 1 << UInt64(byte)
        } else if byte < 128 {
            high |= 1 << UInt64(byte - 64)
        }
    }

    func union(_ other: ASCIIByteSet) -> ASCIIByteSet {
        var result = self
        result.low |= other.low
        result.high |= other.high
        return result
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return high & (1 << UInt64(byte &- 64)) != 0 }
        return false
    }
}
