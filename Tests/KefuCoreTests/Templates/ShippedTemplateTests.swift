import Foundation
import Testing
@testable import KefuCore

@Suite struct ShippedTemplateTests {
    @Test func everyShippedFileParsesAndNamesMatchFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ShippedTemplates.folder.path)
            .filter { $0.hasSuffix(".tmpl") }
        #expect(files.count >= 25)
        for file in files {
            let text = try String(contentsOf: ShippedTemplates.folder.appendingPathComponent(file), encoding: .utf8)
            let template = try TemplateFile.parse(text, file: file)
            #expect(template.name + ".tmpl" == file, "file \(file) declares name \(template.name)")
            #expect(!template.keywords.isEmpty, "\(file) has no keywords")
            #expect(template.title != template.name, "\(file) has no title")
        }
    }

    @Test func theSituationsOfTheSeedsAreAllThere() throws {
        let library = try ShippedTemplates.library()
        let expected: [TemplateStage: [String]] = [
            .preSale: [
                "greeting-visitor", "low-stock-order-soon", "bulk-discount-instead-of-haggle", "out-of-stock-alternatives",
                "new-seasonal-items",
            ],
            .inSale: [
                "escrow-discount-ending", "combined-payment-price-change", "payment-reminder", "customs-duty-question",
                "wrong-item-ordered", "change-item-before-shipping",
            ],
            .afterSale: [
                "parcel-in-transit", "parcel-lost-reshipped", "return-exchange", "feedback-request",
                "slow-customs-before-holidays", "wrong-item-received", "missing-item", "damaged-parcel", "quality-problem",
                "customs-delay", "refund-options", "closing-confirmation", "extra-item-received", "checking-and-reply-by",
            ],
        ]
        for (stage, names) in expected {
            for name in names {
                let template = try #require(library.template(named: name), "missing template \(name)")
                #expect(template.stage == stage, "\(name) is \(template.stage), expected \(stage)")
            }
        }
    }

    @Test func parcelInTransitKeepsItsTitleAndPlaceholders() throws {
        let template = try #require(try ShippedTemplates.library().template(named: "parcel-in-transit"))
        #expect(template.title == "Parcel on its way, with tracking")
        #expect(template.fields.isEmpty)
        let english = Set(TemplateRenderer.placeholders(in: template.variants["en"]!))
        #expect(english == ["customer_name", "order_id", "tracking_number", "carrier", "tracking_url", "agent_name", "store_name"])
    }

    @Test func everyTemplateSpeaksTheFiveCoreLanguages() throws {
        for template in try ShippedTemplates.library().templates {
            for language in ["en", "de", "fr", "es", "it"] {
                #expect(template.variants[language] != nil, "\(template.name) lacks '\(language)'")
            }
        }
    }

    /// Issue 18, item 7: the six demo languages and the big cross-border markets — every shipped
    /// template in Japanese, Chinese, Korean, Russian and Portuguese as well.
    @Test func everyTemplateSpeaksJapaneseChineseKoreanRussianAndPortuguese() throws {
        let templates = try ShippedTemplates.library().templates
        #expect(templates.count >= 26)
        for template in templates {
            for language in ["ja", "zh", "ko", "ru", "pt"] {
                #expect(template.variants[language] != nil, "\(template.name) lacks '\(language)'")
            }
        }
    }

    /// Counts follow each language's CLDR rule: Russian one/few/many, Portuguese (Brazil) one for
    /// 0 and 1, Japanese, Chinese and Korean one form.
    @Test func countsInTheNewLanguagesFollowCLDR() throws {
        let template = try #require(try ShippedTemplates.library().template(named: "checking-and-reply-by"))
        func render(_ language: String, _ hours: Int) -> String {
            var context = ShippedTemplates.ticketContext
            context["reply_within_hours"] = String(hours)
            return template.rendered(for: language, with: context).text
        }
        #expect(render("ru", 1).contains("в течение 1 часа,"))
        #expect(render("ru", 3).contains("в течение 3 часов,"))
        #expect(render("ru", 5).contains("в течение 5 часов,"))
        #expect(render("ru", 21).contains("в течение 21 часа,"))
        #expect(render("pt", 1).contains("em até 1 hora,"))
        #expect(render("pt", 0).contains("em até 0 hora,"))
        #expect(render("pt", 4).contains("em até 4 horas,"))
        #expect(render("ja", 4).contains("4時間以内"))
        #expect(render("zh", 4).contains("在4小时内"))
        #expect(render("ko", 4).contains("4시간 이내"))
        let stock = try #require(try ShippedTemplates.library().template(named: "low-stock-order-soon"))
        var context = ShippedTemplates.filledContext(for: stock)
        for (units, word) in [(1, "1 штука"), (2, "2 штуки"), (11, "11 штук"), (22, "22 штуки"), (25, "25 штук")] {
            context["units_left"] = String(units)
            #expect(stock.rendered(for: "ru", with: context).text.contains("всего \(word),"), "\(units)")
        }
    }

    @Test func theMostUsedAlsoSpeakRussianPortugueseAndJapanese() throws {
        let library = try ShippedTemplates.library()
        for name in ShippedTemplates.mostUsed {
            let template = try #require(library.template(named: name))
            for language in ["ru", "pt", "ja"] {
                #expect(template.variants[language] != nil, "\(name) lacks '\(language)'")
            }
        }
    }

    /// With only the ticket filled in, exactly the declared agent fields stay open, in every
    /// language; once the agent fills them, nothing is left.
    @Test func onlyDeclaredFieldsStayOpenAndFillingThemLeavesNoPlaceholder() throws {
        for template in try ShippedTemplates.library().templates {
            for language in template.variants.keys.sorted() {
                let ticketOnly = template.rendered(for: language, with: ShippedTemplates.ticketContext)
                #expect(ticketOnly.language == language)
                let open = Set(TemplateRenderer.placeholders(in: ticketOnly.text))
                #expect(open == Set(template.fields), "\(template.name)/\(language) leaves \(open.sorted())")

                let filled = template.rendered(for: language, with: ShippedTemplates.filledContext(for: template)).text
                #expect(TemplateRenderer.placeholders(in: filled).isEmpty, "\(template.name)/\(language)")
                #expect(!filled.contains("{") && !filled.contains("}"), "\(template.name)/\(language) has a stray brace")
            }
        }
    }

    /// The shipped templates follow the seeds' rules themselves: a greeting, thanks, no shouting,
    /// short sentences, no leftovers or unsafe links, written in the language they claim, and
    /// complaint answers offer a choice.
    @Test func everyVariantPassesTheReplyChecks() throws {
        for template in try ShippedTemplates.library().templates {
            for language in template.variants.keys.sorted() {
                let reply = template.rendered(for: language, with: ShippedTemplates.filledContext(for: template)).text
                let context = ReplyCheckContext(
                    customerLanguage: language, stage: template.stage,
                    isComplaint: ShippedTemplates.complaintTemplates.contains(template.name))
                let findings = ReplyChecks.check(reply, context: context)
                #expect(findings.isEmpty, "\(template.name)/\(language): \(findings.map { "\($0.kind.rawValue) \($0.message) at \($0.location)" })")
                #expect(LanguageDetector.detect(reply) == language, "\(template.name)/\(language) reads as \(LanguageDetector.detect(reply) ?? "nil")")
            }
        }
    }

    @Test func customsDelayCountsDaysWithPluralRules() throws {
        let template = try #require(try ShippedTemplates.library().template(named: "customs-delay"))
        var context = ShippedTemplates.ticketContext
        context["extra_days"] = "1"
        #expect(template.rendered(for: "en", with: context).text.contains("within 1 day."))
        context["extra_days"] = "21"
        #expect(template.rendered(for: "ru", with: context).text.contains("в течение 21 дня."))
        context["extra_days"] = "5"
        #expect(template.rendered(for: "ru", with: context).text.contains("в течение 5 дней."))
        #expect(template.rendered(for: "en", with: context).text.contains("within 5 days."))
        #expect(template.rendered(for: "ja", with: context).text.contains("5日以内"))
    }
}
