/// UPS `1Z` numbers: `1Z` + 15 letters or digits + a check digit.
///
/// Over the 15 characters a digit counts as itself and a letter as `(ascii - 3) mod 10`
/// (so A = 2, B = 3, ... Z = 7); characters at odd positions (0-based) are doubled, with no Luhn
/// digit-summing; check = (10 - sum mod 10) mod 10. Valid: `1Z5R89390357567127`.
enum UPSCheckDigit {
    static func verify(_ number: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        guard number.count == 18, number[0] == UInt8(ascii: "1"), number[1] == UInt8(ascii: "Z"),
            ASCIIDigits.isDigit(number[17])
        else { return .notApplicable }
        var sum = 0
        for offset in 0..<15 {
            let byte = number[2 + offset]
            let value: Int
            if ASCIIDigits.isDigit(byte) {
                value = Int(byte &- 48)
            } else if ASCIIDigits.isLetter(byte) {
                value = (Int(byte) - 3) % 10
            } else {
                return .notApplicable
            }
            sum &+= offset & 1 == 1 ? value &* 2 : value
        }
        return ASCIIDigits.outcome(expected: (10 - sum % 10) % 10, in: number)
    }
}
