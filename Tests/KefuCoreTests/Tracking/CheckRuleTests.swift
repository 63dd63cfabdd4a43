import Testing
@testable import KefuCore

/// Each rule exactly as DOMAIN.md gives it: the published examples, more numbers computed by the
/// algorithm independently (and cross-checked against public test numbers), and single-digit
/// typos, which must fail.
struct CheckRuleTests {
    @Test(arguments: [
        (CheckRule.upuS10, "RB123456785GB"), (.upuS10, "EF123456785US"), (.upuS10, "LX526018152CN"),
        (.upuS10, "CP908301669DE"), (.upuS10, "RR131860912FR"), (.upuS10, "EE390996032NL"), (.upuS10, "UA948219934JP"),
        (.upuS10, "RA786579756CA"),
        (.ups1Z, "1Z5R89390357567127"), (.ups1Z, "1Z879E930346834440"), (.ups1Z, "1Z410E7W0392751591"),
        (.ups1Z, "1Z8V92A70367203024"),
        (.fedex12, "986578788855"), (.fedex12, "477179081230"), (.fedex12, "799531274483"), (.fedex12, "790535312317"),
        (.fedex15, "041441760228964"), (.fedex15, "568283610012000"), (.fedex15, "568283610012734"),
        (.fedex22, "9611020987654312345672"),
        (.uspsIMpb, "9400111206206406260787"), (.uspsIMpb, "9505511069605048600624"),
        (.uspsIMpb, "9361289878700317633795"), (.uspsIMpb, "920019017554770000007"), (.uspsIMpb, "92001901755477000005"),
        (.usps20, "71123456789123456787"), (.usps20, "03071790000523483741"),
        (.dhlExpress, "3318810025"), (.dhlExpress, "4323194875"), (.dhlExpress, "5749118620"),
        (.canadaPost16, "0073938000549297"), (.canadaPost16, "7104974650752913"), (.canadaPost16, "2684656321223309"),
        (.canadaPost16, "2180967929081000"), (.canadaPost16, "3390757938347011"),
    ])
    func validNumbersPass(rule: CheckRule, number: String) {
        #expect(rule.verify(number) == .passed)
    }

    @Test(arguments: [
        (CheckRule.upuS10, "CP908301669DE", 2..<11), (.upuS10, "LX526018152CN", 2..<11),
        (.ups1Z, "1Z5R89390357567127", 2..<18), (.ups1Z, "1Z410E7W0392751591", 2..<18),
        (.fedex12, "986578788855", 0..<12), (.fedex12, "477179081230", 0..<12),
        (.fedex15, "041441760228964", 0..<15), (.fedex22, "9611020987654312345672", 7..<22),
        (.uspsIMpb, "9400111206206406260787", 0..<22), (.usps20, "71123456789123456787", 0..<20),
        (.dhlExpress, "3318810025", 0..<10), (.canadaPost16, "0073938000549297", 0..<16),
    ])
    func everySingleDigitTypoFails(rule: CheckRule, number: String, covered: Range<Int>) {
        let typos = oneDigitTypos(of: number, at: covered)
        #expect(!typos.isEmpty)
        for typo in typos {
            guard case .failed = rule.verify(typo) else {
                Issue.record("\(typo) (typo of \(number)) passed \(rule.rawValue)")
                continue
            }
        }
    }

    @Test func failureNamesTheExpectedAndFoundCheckDigit() {
        #expect(CheckRule.upuS10.verify("RB123456784GB") == .failed(expected: UInt8(ascii: "5"), found: UInt8(ascii: "4")))
        #expect(CheckRule.fedex12.verify("986578788856") == .failed(expected: UInt8(ascii: "5"), found: UInt8(ascii: "6")))
    }

    @Test func s10UsesFiveForRemainderZeroAndZeroForRemainderOne() {
        // Serial 00000000: sum 0, r = 0, check 5.
        #expect(CheckRule.upuS10.verify("RR000000005GB") == .passed)
        // Serial 00004000: 4·3 = 12, r = 1, check 0.
        #expect(CheckRule.upuS10.verify("RR000040000GB") == .passed)
        // Serial 00000002: 2·7 = 14, r = 3, check 11 - 3 = 8.
        #expect(CheckRule.upuS10.verify("RR000000028GB") == .passed)
    }

    @Test func s10CannotSeeATypoBetweenRemainderSixAndZero() {
        // Both remainders give check digit 5, as the rule says; the detector can only be as good
        // as the scheme. RR010000005GB: 1·6 = 6, r = 6, 11 - 6 = 5. DOMAIN.md's own example has
        // r = 6 too: 6 → 7 in the weight-5 position adds 5, r becomes 0, and the check is still 5.
        #expect(CheckRule.upuS10.verify("RR000000005GB") == .passed)
        #expect(CheckRule.upuS10.verify("RR010000005GB") == .passed)
        #expect(CheckRule.upuS10.verify("RB123457785GB") == .passed)
        #expect(CheckRule.upuS10.verify("RB123456786GB") != .passed)
    }

    @Test func upsCountsLettersAsAsciiMinusThreeModTen() {
        // Replacing the letter R (82 - 3 = 79 → 9) by the digit 9 at the same position leaves
        // the sum unchanged, so the check digit must still pass.
        #expect(CheckRule.ups1Z.verify("1Z5R89390357567127") == .passed)
        #expect(CheckRule.ups1Z.verify("1Z5989390357567127") == .passed)
        #expect(CheckRule.ups1Z.verify("1Z5S89390357567127") != .passed)
    }

    @Test func impbDropsThe420RoutingPrefix() {
        #expect(CheckRule.uspsIMpb.verify("42010001" + "9400111206206406260787") == .passed)
        #expect(CheckRule.uspsIMpb.verify("420100010001" + "9400111206206406260787") == .passed)
        #expect(CheckRule.uspsIMpb.verify("4201002334249200190132607600833457") == .passed)
        #expect(CheckRule.uspsIMpb.verify("420221539505511069605048600624") == .passed)
        // The ZIP is not covered by the check; the payload is.
        #expect(CheckRule.uspsIMpb.verify("42099999" + "9400111206206406260787") == .passed)
        #expect(CheckRule.uspsIMpb.verify("42010001" + "9400111206206406260788") != .passed)
    }

    @Test func usps20AcceptsEitherTheDirectOrThe91PrefixedRule() {
        // 71969010756003077385 passes only with 91 in front; 71123456789123456787 only without.
        #expect(CheckRule.usps20.verify("71969010756003077385") == .passed)
        #expect(CheckRule.usps20.verify("71123456789123456787") == .passed)
        #expect(CheckRule.usps20.verify("71969010756003077386") != .passed)
    }

    @Test func canadaPostTriplesTheEvenPositions() {
        // With the odd positions tripled instead, this number's check digit would be 3.
        #expect(CheckRule.canadaPost16.verify("2180967929081000") == .passed)
        #expect(CheckRule.canadaPost16.verify("2180967929081003") != .passed)
    }

    @Test func dhlExpressIsTheFirstNineDigitsModSeven() {
        #expect(CheckRule.dhlExpress.verify("3318810025") == .passed)  // 331881002 mod 7 = 5
        #expect(CheckRule.dhlExpress.verify("3318810026") == .failed(expected: UInt8(ascii: "5"), found: UInt8(ascii: "6")))
    }

    @Test func rulesRefuseNumbersOfTheWrongShapeInsteadOfGuessing() {
        #expect(CheckRule.fedex12.verify("98657878885") == .notApplicable)
        #expect(CheckRule.upuS10.verify("RB12345678XGB") == .notApplicable)
        #expect(CheckRule.ups1Z.verify("1Y5R89390357567127") == .notApplicable)
        #expect(CheckRule.none.verify("ANYTHING") == .noCheckDigit)
    }
}
