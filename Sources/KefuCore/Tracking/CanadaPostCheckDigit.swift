/// Canada Post, 16 digits: over the first 15, digits at even positions (0-based) count three
/// times; check = (10 - sum mod 10) mod 10. Valid: `0073938000549297`.
enum CanadaPostCheckDigit {
    static func verify(_ number: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        guard number.count == 16, ASCIIDigits.allDigits(number) else { return .notApplicable }
        var sum = 0
        for offset in 0..<15 {
            let digit = Int(number[offset] &- 48)
            sum &+= offset & 1 == 0 ? digit &* 3 : digit
        }
        return ASCIIDigits.outcome(expected: (10 - sum % 10) % 10, in: number)
    }
}
