import Testing
@testable import KefuCore

@Suite struct TemplateRendererTests {
    private let russianDays = "{days|plural: one=# день; few=# дня; many=# дней; other=# дня}"

    @Test func fillsPlainPlaceholdersAndLeavesMissingOnesVisible() {
        let context = TemplateContext(values: ["customer_name": "Ana", "order_id": ""])
        let text = TemplateRenderer.render("Dear {customer_name}, order {order_id} {unknown}", with: context)
        #expect(text == "Dear Ana, order {order_id} {unknown}")
        #expect(TemplateRenderer.placeholders(in: text) == ["order_id", "unknown"])
    }

    @Test func pluralPicksTheFormOfTheLanguage() {
        for (n, expected) in [("1", "1 день"), ("21", "21 день"), ("3", "3 дня"), ("22", "22 дня"), ("5", "5 дней"),
            ("11", "11 дней"), ("14", "14 дней"), ("1.5", "1.5 дня")]
        {
            let context = TemplateContext(values: ["days": n], language: "ru")
            #expect(TemplateRenderer.render(russianDays, with: context) == expected, "ru \(n)")
        }
        let english = "{days|plural: one=# day; other=# days}"
        #expect(TemplateRenderer.render(english, with: TemplateContext(values: ["days": "1"])) == "1 day")
        #expect(TemplateRenderer.render(english, with: TemplateContext(values: ["days": "0"])) == "0 days")
        #expect(TemplateRenderer.render("{n|plural: one=# jour; other=# jours}", with: TemplateContext(values: ["n": "0"], language: "fr")) == "0 jour")
    }

    @Test func missingFormFallsBackToOther() {
        let arabic = "{n|plural: one=يوم واحد; other=# يوم}"
        #expect(TemplateRenderer.render(arabic, with: TemplateContext(values: ["n": "1"], language: "ar")) == "يوم واحد")
        #expect(TemplateRenderer.render(arabic, with: TemplateContext(values: ["n": "3"], language: "ar")) == "3 يوم")
        #expect(TemplateRenderer.render("{n|plural: other=#日}", with: TemplateContext(values: ["n": "1"]), language: "ja") == "1日")
    }

    @Test func aPluralWithoutValueOrWithTextStaysVisibleAndIsReported() {
        let text = "within {days|plural: one=# day; other=# days}"
        #expect(TemplateRenderer.render(text, with: TemplateContext()) == text)
        #expect(TemplateRenderer.render(text, with: TemplateContext(values: ["days": "soon"])) == text)
        #expect(TemplateRenderer.placeholders(in: text) == ["days"])
    }

    @Test func malformedPluralIsNotAPlaceholder() {
        // No `other` form: not a valid expression, so it is neither filled nor reported by name.
        let text = "{days|plural: one=# day}"
        #expect(TemplateRenderer.render(text, with: TemplateContext(values: ["days": "2"])) == text)
        #expect(PluralExpression(parsing: "days|plural: one=# day; nine=x; other=#"[...]) == nil)
    }

    @Test func templateRendersWithTheChosenVariantsRules() {
        let template = Template(
            name: "t", title: "T", stage: .afterSale, situation: "", keywords: [], fields: ["days"],
            variants: ["en": "{days|plural: one=# day; other=# days}", "ru": russianDays])
        let context = TemplateContext(values: ["days": "2"])
        #expect(template.rendered(for: "ru-RU", with: context) == ("ru", "2 дня"))
        #expect(template.rendered(for: "de", with: context) == ("en", "2 days"))
        #expect(template.placeholders(for: "en") == ["days"])
    }

    @Test func contextNamesAreTheDocumentedOnes() {
        #expect(TemplateContext.contextNames.count == 9)
        #expect(TemplateContext.contextNames.contains("tracking_url"))
    }
}
