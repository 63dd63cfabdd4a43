/// Small helpers the check-digit rules share; numbers arrive as normalised ASCII bytes.
enum ASCIIDigits {
    @inline(__always)
    static func value(_ byte: UInt8) -> Int? {
        let value = Int(byte) &- 48
        return (0...9).contains(value) ? value : nil
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 48 < 10
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        byte &- 65 < 26
    }

    static func allDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where !isDigit(byte) { return false }
        return true
    }

    @inline(__always)
    static func character(_ digit: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: 48 + digit)
    }

    /// Compares a computed check digit with the last byte of `bytes`.
    @inline(__always)
    static func outcome(expected digit: Int, in bytes: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        let expected = character(digit)
        let found = bytes[bytes.count - 1]
        return expected == found ? .passed : .failed(expected: expected, found: found)
    }
}
