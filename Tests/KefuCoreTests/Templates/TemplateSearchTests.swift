import Testing
@testable import KefuCore

@Suite struct TemplateSearchTests {
    private func library() throws -> [Template] { try ShippedTemplates.library().templates }

    @Test func typedWordsFindTheirSituationFirst() throws {
        let templates = try library()
        #expect(TemplateSearch.rank(templates, query: "damaged").first?.name == "damaged-parcel")
        #expect(TemplateSearch.rank(templates, query: "customs delay").first?.name == "customs-delay")
        #expect(TemplateSearch.rank(templates, query: "refund").first?.name == "refund-options")
        #expect(TemplateSearch.rank(templates, query: "wrong item").first?.name == "wrong-item-received")
    }

    @Test func multilingualKeywordsAndAccentsMatch() throws {
        let templates = try library()
        #expect(TemplateSearch.rank(templates, query: "beschädigt").first?.name == "damaged-parcel")
        #expect(TemplateSearch.rank(templates, query: "beschadigt").first?.name == "damaged-parcel")
        #expect(TemplateSearch.rank(templates, query: "ou est").first?.name == "parcel-in-transit")
        #expect(TemplateSearch.rank(templates, query: "税関").first?.name == "customs-delay")
    }

    @Test func bodyTextMatchesWhenNoHeaderDoes() throws {
        // "Packprotokoll" only appears in German bodies.
        let names = TemplateSearch.rank(try library(), query: "packprotokoll").map(\.name)
        #expect(Set(names) == ["wrong-item-received", "missing-item"])
    }

    @Test func nonsenseMatchesNothing() throws {
        #expect(TemplateSearch.rank(try library(), query: "zzqqxxj").isEmpty)
    }

    @Test func stageFilterAndEmptyQueryListByStageThenUsage() throws {
        let templates = try library()
        let preSale = TemplateSearch.rank(templates, query: "", stage: .preSale)
        #expect(preSale.count == 5)
        #expect(preSale.allSatisfy { $0.stage == .preSale })
        let all = TemplateSearch.rank(templates, query: "", usage: ["closing-confirmation": 40])
        #expect(all.first?.stage == .preSale)
        #expect(all.first { $0.stage == .afterSale }?.name == "closing-confirmation")
        #expect(TemplateSearch.rank(templates, query: "order", stage: .inSale).allSatisfy { $0.stage == .inSale })
    }

    @Test func usageLiftsAmongEqualMatches() {
        func template(_ name: String) -> Template {
            Template(name: name, title: "Parcel note", stage: .afterSale, situation: "", keywords: [], fields: [], variants: ["en": "Hi"])
        }
        let templates = [template("a"), template("b")]
        #expect(TemplateSearch.rank(templates, query: "parcel", usage: ["b": 3]).map(\.name) == ["b", "a"])
        #expect(TemplateSearch.rank(templates, query: "parcel", usage: ["a": 3]).map(\.name) == ["a", "b"])
    }

    @Test func indexAndRankAgree() throws {
        let templates = try library()
        let index = TemplateIndex(templates)
        for query in ["", "d", "da", "dam", "parcel", "rembours", "xyz"] {
            #expect(index.search(query) == TemplateSearch.rank(templates, query: query), "query '\(query)'")
        }
    }

    @Test func sessionGivesTheIndexResultsWhileTypingDeletingAndFiltering() throws {
        let templates = try library()
        let index = TemplateIndex(templates)
        var session = TemplateSearchSession(index: index)
        let steps: [(String, TemplateStage?)] = [
            ("r", nil), ("re", nil), ("ref", nil), ("refu", nil), ("refund", nil), ("refund ", nil), ("refund o", nil),
            ("refund", nil), ("ref", .afterSale), ("refund", .afterSale), ("refund", .inSale), ("", nil), ("zoll", nil),
            ("zollx", nil), ("zoll", nil),
        ]
        for (query, stage) in steps {
            #expect(session.search(query, stage: stage) == index.search(query, stage: stage), "'\(query)' \(String(describing: stage))")
        }
    }

    @Test func fuzzyMatcherPrefersWordStartsAndRuns() throws {
        let start = try #require(FuzzyMatcher.score("rf", in: "Refund"))
        let scattered = try #require(FuzzyMatcher.score("rf", in: "parcel for us"))
        #expect(start > scattered)
        #expect(FuzzyMatcher.score("fr", in: "Refund") == nil)
        #expect(FuzzyMatcher.score("", in: "anything") == 0)
    }
}
