import Testing
@testable import KefuCore

/// Sample numbers from the CLDR plural rules (plurals.xml, `@integer` and `@decimal` samples).
@Suite struct PluralRulesTests {
    private func category(_ number: String, _ language: String) -> PluralCategory {
        PluralRules.category(of: PluralOperands(parsing: number)!, language: language)
    }

    @Test func english() {
        #expect(category("1", "en") == .one)
        for n in ["0", "2", "3", "11", "16", "21", "100", "1000", "1.0", "0.5", "1.5"] {
            #expect(category(n, "en") == .other, "en \(n)")
        }
    }

    @Test func frenchTreatsZeroAndOneAsSingular() {
        for n in ["0", "1", "0.0", "1.5"] { #expect(category(n, "fr") == .one, "fr \(n)") }
        for n in ["2", "17", "100", "1000", "2.0"] { #expect(category(n, "fr") == .other, "fr \(n)") }
        #expect(category("1000000", "fr") == .many)
    }

    @Test func russianHasOneFewMany() {
        for n in ["1", "21", "31", "101", "1001"] { #expect(category(n, "ru") == .one, "ru \(n)") }
        for n in ["2", "3", "4", "22", "23", "24", "102"] { #expect(category(n, "ru") == .few, "ru \(n)") }
        for n in ["0", "5", "6", "11", "12", "13", "14", "19", "20", "100", "111", "1000"] {
            #expect(category(n, "ru") == .many, "ru \(n)")
        }
        for n in ["0.5", "1.5", "2.0"] { #expect(category(n, "ru") == .other, "ru \(n)") }
    }

    @Test func arabicHasSixForms() {
        #expect(category("0", "ar") == .zero)
        #expect(category("1", "ar") == .one)
        #expect(category("2", "ar") == .two)
        for n in ["3", "10", "103", "110", "1003"] { #expect(category(n, "ar") == .few, "ar \(n)") }
        for n in ["11", "26", "99", "111", "1011"] { #expect(category(n, "ar") == .many, "ar \(n)") }
        for n in ["100", "101", "102", "200", "1000", "0.1", "2.5"] { #expect(category(n, "ar") == .other, "ar \(n)") }
    }

    @Test func japaneseKoreanChineseHaveOnlyOther() {
        for language in ["ja", "ko", "zh"] {
            for n in ["0", "1", "2", "5", "21", "100", "1.5"] { #expect(category(n, language) == .other, "\(language) \(n)") }
        }
    }

    @Test func polishSpanishItalianPortugueseTurkish() {
        #expect(category("1", "pl") == .one)
        for n in ["2", "4", "22", "24"] { #expect(category(n, "pl") == .few, "pl \(n)") }
        for n in ["0", "5", "12", "14", "21", "100"] { #expect(category(n, "pl") == .many, "pl \(n)") }
        #expect(category("1.5", "pl") == .other)

        #expect(category("1", "es") == .one)
        #expect(category("1.0", "es") == .one)
        #expect(category("0", "es") == .other)
        #expect(category("1000000", "es") == .many)

        #expect(category("1", "it") == .one)
        #expect(category("1.0", "it") == .other)
        #expect(category("1000000", "it") == .many)

        #expect(category("0", "pt") == .one)
        #expect(category("1", "pt") == .one)
        #expect(category("0", "pt-PT") == .other)
        #expect(category("2", "pt") == .other)

        #expect(category("1", "tr") == .one)
        #expect(category("2", "tr") == .other)
        #expect(category("1", "de") == .one)
        #expect(category("1", "nl") == .one)
        #expect(category("1", "sv") == .one)
        #expect(category("2", "sv") == .other)
    }

    @Test func regionSubtagsAndUnknownLanguages() {
        #expect(PluralRules.category(of: 3, language: "ru-RU") == .few)
        #expect(PluralRules.category(of: 1, language: "en_GB") == .one)
        #expect(PluralRules.category(of: 1, language: "xx") == .other)
    }

    @Test func operandsReadNumbersAsWritten() {
        let decimal = PluralOperands(parsing: "1.50")!
        #expect(decimal.i == 1 && decimal.v == 2 && decimal.f == 50 && decimal.t == 5)
        #expect(PluralOperands(parsing: "1,5")?.v == 1)
        #expect(PluralOperands(parsing: "1 000")?.i == 1000)
        #expect(PluralOperands(parsing: "abc") == nil)
        #expect(PluralOperands(parsing: "") == nil)
        #expect(PluralOperands(parsing: "1.2.3") == nil)
    }
}
