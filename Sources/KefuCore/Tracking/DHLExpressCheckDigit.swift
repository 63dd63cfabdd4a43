/// DHL Express waybills, 10 digits: the first nine read as a number, mod 7, equal the last.
/// Worked example, `3318810025`: 331881002 mod 7 = 5.
enum DHLExpressCheckDigit {
    static func verify(_ number: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        guard number.count == 10, ASCIIDigits.allDigits(number) else { return .notApplicable }
        var serial = 0
        for offset in 0..<9 {
            serial = serial &* 10 &+ Int(number[offset] &- 48)
        }
        return ASCIIDigits.outcome(expected: serial % 7, in: number)
    }
}
