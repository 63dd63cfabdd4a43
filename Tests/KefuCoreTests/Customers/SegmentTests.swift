import Foundation
import Testing
import KefuCore

@Suite("RFM quintiles and named segments")
struct SegmentTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func history(_ id: Int64, daysAgo: Double, orders: Int, spent: Decimal, currency: String = "EUR") -> OrderHistorySummary {
        OrderHistorySummary(customerID: id, lastOrderAt: now.addingTimeInterval(-daysAgo * 86_400), orders: orders, currency: currency, spent: spent)
    }

    @Test("Ten customers: ranks 0-9 score 1,1,2,2,3,3,4,4,5,5; the most recent, frequent and big spending score 5")
    func quintiles() {
        let histories = (0..<10).map { i in history(Int64(i + 1), daysAgo: Double(100 - i * 10), orders: i + 1, spent: Decimal(i * 10)) }
        let scores = RFMQuintiles.scores(histories)
        #expect((1...10).map { scores[Int64($0)]!.recency } == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect((1...10).map { scores[Int64($0)]!.frequency } == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect(scores[10]!.monetary == 5)
    }

    @Test("Ties share the score of the first of them; one customer alone scores 1")
    func ties() {
        let scores = RFMQuintiles.scores([history(1, daysAgo: 5, orders: 2, spent: 10), history(2, daysAgo: 5, orders: 2, spent: 10),
                                          history(3, daysAgo: 1, orders: 9, spent: 99)])
        #expect(scores[1] == scores[2])
        #expect(scores[1]!.recency == 1)
        #expect(scores[3]!.recency == 4)
        #expect(RFMQuintiles.scores([history(1, daysAgo: 1, orders: 1, spent: 1)])[1] == RFMScores(recency: 1, frequency: 1, monetary: 1))
    }

    @Test("Monetary ranks each customer among those paying in the same currency (no exchange rates)")
    func monetaryPerCurrency() {
        let scores = RFMQuintiles.scores([history(1, daysAgo: 1, orders: 1, spent: 50, currency: "EUR"),
                                          history(2, daysAgo: 1, orders: 1, spent: 5000, currency: "JPY")])
        // Each is alone in its currency: both score 1, the yen amount is not compared with euros.
        #expect(scores[1]!.monetary == 1 && scores[2]!.monetary == 1)
    }

    @Test("Named segments in rule order, thresholds from the rules")
    func named() {
        let rules = SegmentRules(newDays: 30, atRiskDays: 90, lapsedDays: 180, loyalFrequency: 4, loyalRecency: 3, bigSpenderMonetary: 5)
        let top = RFMScores(recency: 5, frequency: 5, monetary: 3)
        #expect(rules.segment(history: history(1, daysAgo: 200, orders: 9, spent: 1), scores: top, vip: false, now: now) == "lapsed")
        #expect(rules.segment(history: history(1, daysAgo: 100, orders: 9, spent: 1), scores: top, vip: false, now: now) == "at risk")
        #expect(rules.segment(history: history(1, daysAgo: 3, orders: 1, spent: 1), scores: top, vip: false, now: now) == "new")
        #expect(rules.segment(history: history(1, daysAgo: 3, orders: 3, spent: 1), scores: RFMScores(recency: 5, frequency: 2, monetary: 5), vip: false, now: now) == "big spender")
        #expect(rules.segment(history: history(1, daysAgo: 3, orders: 3, spent: 1), scores: top, vip: false, now: now) == "loyal")
        #expect(rules.segment(history: history(1, daysAgo: 40, orders: 1, spent: 1), scores: RFMScores(recency: 2, frequency: 1, monetary: 1), vip: false, now: now) == "active")
        #expect(rules.segment(history: nil, scores: nil, vip: false, now: now) == nil)
        #expect(rules.segment(history: nil, scores: nil, vip: true, now: now) == "vip")
        // A tighter lapsed threshold in the config changes the name.
        var strict = rules
        strict.lapsedDays = 90
        #expect(strict.segment(history: history(1, daysAgo: 100, orders: 9, spent: 1), scores: top, vip: false, now: now) == "lapsed")
    }

    @Test("vip from the config list by id or address, or from a tag")
    func vip() {
        let rules = SegmentRules(vip: ["C7", "Anna@Example.de"])
        #expect(rules.isVIP(id: 7, addresses: [], tagged: false))
        #expect(rules.isVIP(id: 8, addresses: ["anna@example.de"], tagged: false))
        #expect(rules.isVIP(id: 9, addresses: [], tagged: true))
        #expect(!rules.isVIP(id: 9, addresses: ["bo@example.de"], tagged: false))
        #expect(SegmentRules.normalised("At-Risk") == "at risk")
        #expect(SegmentRules.normalised("gold") == nil)
        #expect(SegmentRules.names.allSatisfy { SegmentRules.letter($0) != nil })
    }
}
