/// FedEx's three numeric formats.
enum FedExCheckDigit {
    static let expressWeights = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]

    /// FedEx Express, 12 digits: weights 3,1,7 repeating over the first 11; check = sum mod 11
    /// mod 10. Worked example, `986578788855`: 9·3 + 8·1 + 6·7 + 5·3 + 7·1 + 8·7 + 7·3 + 8·1 +
    /// 8·7 + 8·3 + 5·1 = 269; 269 mod 11 = 5; 5 mod 10 = 5, the last digit.
    static func verifyExpress12(_ number: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        guard number.count == 12, ASCIIDigits.allDigits(number) else { return .notApplicable }
        var sum = 0
        for offset in 0..<11 {
            sum &+= Int(number[offset] &- 48) &* expressWeights[offset]
        }
        return ASCIIDigits.outcome(expected: sum % 11 % 10, in: number)
    }

    /// FedEx Ground, 15 digits: over the first 14, digits at odd positions (0-based) count
    /// three times; check = (10 - sum mod 10) mod 10. Valid: `041441760228964`.
    static func verifyGround15(_ number: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        guard number.count == 15, ASCIIDigits.allDigits(number) else { return .notApplicable }
        var sum = 0
        for offset in 0..<14 {
            let digit = Int(number[offset] &- 48)
            sum &+= offset & 1 == 1 ? digit &* 3 : digit
        }
        return ASCIIDigits.outcome(expected: (10 - sum % 10) % 10, in: number)
    }

    /// FedEx Ground "96" labels, 22 digits: the last 15 follow the 15-digit rule.
    /// Valid: `9611020987654312345672`.
    static func verifyGround22(_ number: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        guard number.count == 22, ASCIIDigits.allDigits(number) else { return .notApplicable }
        return verifyGround15(UnsafeBufferPointer(rebasing: number[7...]))
    }
}
