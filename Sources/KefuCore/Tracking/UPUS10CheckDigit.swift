/// UPU S10, the international postal item identifier: service indicator (2 letters), serial
/// (8 digits), check digit, ISO country of the postal operator that issued it.
///
/// Weights 8,6,4,2,3,5,9,7 over the serial; r = sum mod 11; check = 11 - r, except 0 when
/// r = 1 and 5 when r = 0. Worked example, `RB123456785GB`: 1·8 + 2·6 + 3·4 + 4·2 + 5·3 + 6·5 +
/// 7·9 + 8·7 = 204; 204 mod 11 = 6; 11 - 6 = 5, the digit before `GB`.
enum UPUS10CheckDigit {
    static let weights = [8, 6, 4, 2, 3, 5, 9, 7]

    static func verify(_ number: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        guard number.count == 13,
            ASCIIDigits.isLetter(number[0]), ASCIIDigits.isLetter(number[1]),
            ASCIIDigits.isLetter(number[11]), ASCIIDigits.isLetter(number[12]),
            ASCIIDigits.allDigits(UnsafeBufferPointer(rebasing: number[2...10]))
        else { return .notApplicable }
        var sum = 0
        for offset in 0..<8 {
            sum &+= Int(number[2 + offset] &- 48) &* weights[offset]
        }
        let remainder = sum % 11
        let check: Int
        switch remainder {
        case 0: check = 5
        case 1: check = 0
        default: check = 11 - remainder
        }
        let expected = ASCIIDigits.character(check)
        return expected == number[10] ? .passed : .failed(expected: expected, found: number[10])
    }
}
