/// The United States Postal Service's two numeric formats.
enum USPSCheckDigit {
    /// USPS Intelligent Mail package barcode (IMpb): 20-22 digits starting 92-95, printed
    /// behind an optional routing prefix `420` + ZIP5 (8 digits) or `420` + ZIP9 (12 digits),
    /// which carries no check and is dropped first. Weights 3,1,3,1... starting from the digit
    /// left of the check digit; check = (10 - sum mod 10) mod 10.
    /// Valid: `9400111206206406260787`, and the same behind `42010001` or `420100010001`.
    static func verifyIMpb(_ number: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        guard ASCIIDigits.allDigits(number) else { return .notApplicable }
        let payload = UnsafeBufferPointer(rebasing: number[routingPrefixLength(number)...])
        guard payload.count >= 2 else { return .notApplicable }
        var sum = 0
        var weight = 3
        for offset in stride(from: payload.count - 2, through: 0, by: -1) {
            sum &+= Int(payload[offset] &- 48) &* weight
            weight = 4 - weight
        }
        return ASCIIDigits.outcome(expected: (10 - sum % 10) % 10, in: payload)
    }

    /// How many leading digits are a `420` routing prefix: 8 (ZIP5) for 28-30 digits in all,
    /// 12 (ZIP9) for 32-34, otherwise none. The lengths cannot overlap because the payload
    /// itself is 20-22 digits.
    static func routingPrefixLength(_ number: UnsafeBufferPointer<UInt8>) -> Int {
        guard number.count >= 28, number[0] == UInt8(ascii: "4"), number[1] == UInt8(ascii: "2"),
            number[2] == UInt8(ascii: "0")
        else { return 0 }
        switch number.count {
        case 28...30: return 8
        case 32...34: return 12
        default: return 0
        }
    }

    /// USPS 20-digit: weights 3,1,3,1... from the leftmost of the first 19 digits;
    /// check = (10 - sum mod 10) mod 10. Older numbers only pass once `91` is put in front and
    /// the same rule applied, which adds 9·3 + 1·1 = 28 to the sum; either passes.
    /// Valid: `71123456789123456787`.
    static func verify20(_ number: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        guard number.count == 20, ASCIIDigits.allDigits(number) else { return .notApplicable }
        var sum = 0
        for offset in 0..<19 {
            let digit = Int(number[offset] &- 48)
            sum &+= offset & 1 == 0 ? digit &* 3 : digit
        }
        let plain = ASCIIDigits.outcome(expected: (10 - sum % 10) % 10, in: number)
        if plain == .passed { return .passed }
        let prefixed = ASCIIDigits.outcome(expected: (10 - (sum + 28) % 10) % 10, in: number)
        return prefixed == .passed ? .passed : plain
    }
}
