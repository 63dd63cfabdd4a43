import Foundation
import Testing
import KefuCore

@Suite("Meters: nearest-rank percentiles, shares, graphics")
struct PercentileTests {
    @Test("Nearest rank: always a measured value, rank ⌈p·n⌉")
    func nearestRank() {
        #expect(Percentile.nearestRank(50, of: [4, 1, 3, 2]) == 2)
        #expect(Percentile.nearestRank(90, of: (1...10).map(Double.init)) == 9)
        #expect(Percentile.nearestRank(90, of: (1...11).map(Double.init)) == 10)
        #expect(Percentile.nearestRank(100, of: [3, 1, 2]) == 3)
        #expect(Percentile.nearestRank(90, of: [5]) == 5)
        #expect(Percentile.nearestRank(50, of: []) == nil)
        // One slow ticket does not hide ninety fast ones: the median stays fast.
        let times = Array(repeating: 600.0, count: 90) + [259_200]
        #expect(Percentile.nearestRank(50, of: times) == 600)
        #expect(Percentiles(times)?.p90 == 600)
    }

    @Test("Shares keep counts; no data is not 0 %")
    func shares() {
        #expect(Share(part: 2, whole: 11).percentText == "18.2%")
        #expect(Share.none.percentText == "—")
        #expect(Share(part: 1, whole: 2) + Share(part: 1, whole: 1) == Share(part: 2, whole: 3))
        #expect(MeterGraphics.metState(Share(part: 19, whole: 20), target: 0.95) == "OK")
        #expect(MeterGraphics.metState(Share(part: 18, whole: 20), target: 0.95) == "BELOW")
        #expect(MeterGraphics.lateState(Share(part: 1, whole: 10), target: 0.10) == "OVER")
        #expect(MeterGraphics.lateState(.none, target: 0.10) == "no data")
    }

    @Test("Bars mark the target; sparklines scale to the busiest hour; histograms never hide a non-zero count")
    func graphics() {
        #expect(MeterGraphics.bar(0.5, width: 10, target: 0.9) == "█████    ┃")
        #expect(MeterGraphics.bar(1, width: 4, target: 0.5) == "██┃█")
        #expect(MeterGraphics.bar(nil, width: 4, target: nil) == "····")
        #expect(MeterGraphics.sparkline([0, 1, 4, 8]) == " ▁▄█")
        #expect(MeterGraphics.histogramBar(1, maximum: 1000, width: 10) == "▏")
        #expect(MeterGraphics.histogramBar(1000, maximum: 1000, width: 3) == "███")
        #expect(MeterGraphics.histogramBar(0, maximum: 1000, width: 3) == "")
    }

    @Test("Sorting puts the worst first; missing data last")
    func sorting() {
        let a = MeterRow(subject: .agent("A"), metToday: Share(part: 9, whole: 10), overdueNow: 1)
        let b = MeterRow(subject: .agent("B"), metToday: Share(part: 5, whole: 10), overdueNow: 3)
        let c = MeterRow(subject: .agent("C"))
        #expect(MeterColumn.overdue.sorted([a, b, c]).map(\.subject.title) == ["B", "A", "C"])
        #expect(MeterColumn.metToday.sorted([a, b, c]).map(\.subject.title) == ["B", "A", "C"])
        #expect(MeterColumn.name.sorted([c, b, a]).map(\.subject.title) == ["A", "B", "C"])
        // Reversed: best first, and a row without data for the column still last.
        #expect(MeterColumn.metToday.sorted([a, b, c], reversed: true).map(\.subject.title) == ["A", "B", "C"])
        #expect(MeterColumn.overdue.sorted([a, b, c], reversed: true).map(\.subject.title) == ["C", "A", "B"])  // 0 overdue is data
        #expect(MeterColumn.name.sorted([a, b, c], reversed: true).map(\.subject.title) == ["C", "B", "A"])
    }

    @Test("Response times kept sorted: one by one or all at once, the same lists and nearest-rank percentiles")
    func responseTimes() {
        let li = MeterGroup(agent: "Li Wei", channel: .marketplace, marketplace: .amazon)
        let bo = MeterGroup(agent: "Bo", channel: .chat, marketplace: .shopify)
        let at = Date(timeIntervalSince1970: 0)
        let samples = [(li, 300.0, ClockKind.firstReply), (bo, 60, .nextReply), (li, 100, .nextReply), (li, 200, .firstReply), (bo, 60, .firstReply)]
            .map { AnswerSample(group: $0.0, kind: $0.2, elapsed: $0.1, settledAt: at) }
        var oneByOne = ResponseTimes()
        for sample in samples { oneByOne.add(sample) }
        #expect(oneByOne == ResponseTimes(samples))
        #expect(oneByOne.all[ResponseTimes.wholeQueue] == [60, 60, 100, 200, 300])
        #expect(oneByOne.percentiles(of: .agent("Li Wei")).reply == Percentiles(p50: 200, p90: 300, count: 3))
        #expect(oneByOne.percentiles(of: .agent("Li Wei")).first == Percentiles(p50: 200, p90: 300, count: 2))
        #expect(oneByOne.percentiles(of: .lane(Lane(channel: .chat, marketplace: .shopify))).reply == Percentiles(p50: 60, p90: 60, count: 2))
        #expect(oneByOne.percentiles(of: .agent("nobody")).reply == nil)
        // A burst is merged rather than inserted one by one: the same lists either way.
        let burst: [AnswerSample] = (0..<500).map { (i: Int) -> AnswerSample in
            let group: MeterGroup = i % 3 == 0 ? li : bo
            let kind: ClockKind = i % 2 == 0 ? .firstReply : .nextReply
            return AnswerSample(group: group, kind: kind, elapsed: Double((i * 7919) % 1000), settledAt: at)
        }
        var merged = oneByOne
        merged.add(contentsOf: burst)
        #expect(merged == ResponseTimes(samples + burst))
        #expect(merged.all[ResponseTimes.wholeQueue]?.count == 505)
    }

    @Test("ISO weeks and the feedback report's lines")
    func feedback() throws {
        let utc = TimeZone(identifier: "UTC")!
        func outcome(_ id: Int64, _ day: String, _ problem: Problem, _ party: ResponsibleParty, order: String?) -> RecordedOutcome {
            let at = RFC3339.parse(day + "T10:00:00Z")!
            return RecordedOutcome(ticketID: id, choice: OutcomeChoice(problem: problem, responsible: party), recordedBy: "x",
                                   recordedAt: at, solvedAt: at, orderID: order)
        }
        let report = FeedbackReport(outcomes: [
            outcome(1, "2026-11-16", .wrongItem, .warehouse, order: "B-2"),   // Monday of W47
            outcome(2, "2026-11-22", .wrongItem, .warehouse, order: "A-1"),   // Sunday of W47
            outcome(3, "2026-11-22", .damagedParcel, .carrier, order: nil),
            outcome(4, "2026-11-23", .wrongItem, .seller, order: "A-1"),      // Monday of W48
            outcome(5, "2027-01-01", .customs, .customs, order: "C-3"),       // ISO week 53 of 2026
        ], timeZone: utc)
        #expect(report.weeks.map(\.week) == ["2026-W47", "2026-W48", "2026-W53"])
        let w47 = report.weeks[0]
        #expect(w47.solved == 3)
        #expect(w47.byProblem.map(\.name) == ["wrong-item", "damaged-parcel"])
        #expect(w47.byProblem[0].count == 2)
        #expect(w47.byProblem[0].orders == ["A-1", "B-2"])
        #expect(w47.byProblem[1].orders == ["#3"])
        #expect(w47.byResponsible.map(\.name) == ["warehouse", "carrier"])
    }
}
