import Foundation
import Testing
import KefuCore

/// Hand-rolled property tests: many random instants from a seeded generator, on calendars in
/// zones with and without daylight saving, with lunch breaks and holidays.
@Suite("SLA properties")
struct SLAPropertyTests {
    static let calendars: [BusinessCalendar] = [
        chinaTeamCalendar(overrides: [date("2026-11-07"): ranges("10:00-16:00")]),
        BusinessCalendar(name: "berlin", timeZone: TimeZone(identifier: "Europe/Berlin")!,
                         weeklyHours: weekdays(ranges("08:00-12:00", "13:00-17:00"))),
        BusinessCalendar(name: "los-angeles", timeZone: TimeZone(identifier: "America/Los_Angeles")!,
                         weeklyHours: everyDay(ranges("00:30-02:30", "06:00-22:00"))),
    ]

    /// Instants spread over 2026, to the second, including the change nights.
    static func instant(_ random: inout SeededGenerator) -> Date {
        Date(timeIntervalSince1970: utc("2026-01-01 00:00").timeIntervalSince1970 + Double(Int.random(in: 0..<(365 * 86_400), using: &random)))
    }

    @Test("Business time between two instants never exceeds calendar time", arguments: 0..<calendars.count)
    func businessNeverExceedsCalendar(calendarIndex: Int) {
        let calendar = Self.calendars[calendarIndex]
        var random = SeededGenerator(seed: 0xB0_5117 + UInt64(calendarIndex))
        for _ in 0..<2_000 {
            let a = Self.instant(&random), b = a.addingTimeInterval(Double(Int.random(in: 0..<(20 * 86_400), using: &random)))
            let business = calendar.businessSeconds(from: a, to: b)
            #expect(business <= b.timeIntervalSince(a), "\(calendar.name) \(a) → \(b)")
            #expect(business >= 0)
        }
    }

    @Test("A deadline never moves earlier when the start moves later", arguments: 0..<calendars.count)
    func dueIsMonotonicInStart(calendarIndex: Int) throws {
        let calendar = Self.calendars[calendarIndex]
        let targets: [SLADuration] = [.businessTime(seconds: 4 * 3600), .businessDays(3), .calendar(seconds: 86_400)]
        let engine = try SLAEngine(SLAConfiguration(
            layers: ["all"],
            policies: targets.enumerated().map { index, target in
                SLAPolicy(name: "p\(index)", layer: "all", conditions: PolicyConditions(kinds: [TicketKind.allCases[index]]),
                          targets: [.firstReply: target], calendar: calendar.name, pausesOn: [.onHold])
            },
            calendars: [calendar.name: calendar]))
        var random = SeededGenerator(seed: 0x5EED + UInt64(calendarIndex))
        for _ in 0..<1_500 {
            let kind = TicketKind.allCases[Int.random(in: 0..<targets.count, using: &random)]
            let early = Self.instant(&random)
            let late = early.addingTimeInterval(Double(Int.random(in: 0..<(3 * 86_400), using: &random)))
            let holdStart = early.addingTimeInterval(Double(Int.random(in: 0..<(2 * 86_400), using: &random)))
            let hold = Hold(reason: .onHold, start: holdStart, end: holdStart.addingTimeInterval(Double(Int.random(in: 0..<86_400, using: &random))))
            func due(_ start: Date) -> Date? {
                engine.clocks(for: ConversationFacts(channel: .email, marketplace: .shopify, status: .open, awaitingSince: start,
                                                     hasReplied: false, kind: kind, holds: [hold])).first?.due
            }
            let dueEarly = try #require(due(early)), dueLate = try #require(due(late))
            #expect(dueLate >= dueEarly, "\(calendar.name) \(kind) \(early) vs \(late)")
        }
    }

    @Test("Adding business time then measuring it gives the same amount back", arguments: 0..<calendars.count)
    func addThenMeasure(calendarIndex: Int) {
        let calendar = Self.calendars[calendarIndex]
        var random = SeededGenerator(seed: 0xADD + UInt64(calendarIndex))
        for _ in 0..<2_000 {
            let start = Self.instant(&random), seconds = Double(Int.random(in: 1..<(60 * 3600), using: &random))
            let due = calendar.adding(businessSeconds: seconds, to: start)
            #expect(due > start)
            #expect(calendar.businessSeconds(from: start, to: due) == seconds, "\(calendar.name) \(start) + \(seconds)")
        }
    }

    @Test("The precomputed table and the day-by-day walk agree")
    func tableAgreesWithWalk() {
        var random = SeededGenerator(seed: 0x7AB1E)
        for original in Self.calendars {
            // Same rules, precomputed only for 2030: every 2026 question takes the slow path.
            let walked = BusinessCalendar(name: original.name, timeZone: original.timeZone, weeklyHours: original.weeklyHours,
                                          holidays: original.holidays, overrides: original.overrides, precomputedYears: 2030...2030)
            for _ in 0..<300 {
                let a = Self.instant(&random), b = a.addingTimeInterval(Double(Int.random(in: 0..<(10 * 86_400), using: &random)))
                #expect(original.businessSeconds(from: a, to: b) == walked.businessSeconds(from: a, to: b))
                let seconds = Double(Int.random(in: 1..<(40 * 3600), using: &random))
                #expect(original.adding(businessSeconds: seconds, to: a) == walked.adding(businessSeconds: seconds, to: a))
            }
        }
    }
}
