import Foundation
import Testing
import KefuCore

@Suite("Triage rule: savable first, then late, longest late first")
struct TriageRuleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("A deadline at least the answer allowance away is savable; nearer or past is late")
    func bands() {
        let rule = TriageRule(answerAllowance: 120)
        #expect(rule.band(due: now.addingTimeInterval(240), now: now) == .savable)
        #expect(rule.band(due: now.addingTimeInterval(120), now: now) == .savable)
        #expect(rule.band(due: now.addingTimeInterval(119), now: now) == .late)
        #expect(rule.band(due: now.addingTimeInterval(-3600), now: now) == .late)
        #expect(rule.band(due: nil, now: now) == .noDeadline)
        // No allowance: late only once the deadline has passed.
        #expect(TriageRule(answerAllowance: 0).band(due: now.addingTimeInterval(1), now: now) == .savable)
        #expect(TriageRule(answerAllowance: -5).answerAllowance == 0)
    }

    @Test("In memory and as key ranges the order is the same: savable by deadline, then late by deadline, then no clock")
    func order() {
        let rule = TriageRule.standard
        let dues: [Double?] = [-28_800, 240, 60, -300, 86_000, nil, 3600, -60]
        let positions = dues.enumerated().map { index, due in
            QueuePosition(key: due.map { now.timeIntervalSince1970 + $0 } ?? QueuePosition.noDeadlineKey, id: Int64(index + 1))
        }
        let sorted = positions.sorted { rule.precedes($0, $1, order: .triage, now: now) }
        // 240 s, 1 h, ~1 day savable; then -8 h, -5 min, -1 min, +1 min late; then no clock.
        #expect(sorted.map(\.id) == [2, 7, 5, 1, 4, 8, 3, 6])
        let ranges = rule.ranges(for: .triage, now: now)
        let byRanges = ranges.flatMap { range in positions.filter { range.contains($0.key) }.sorted() }
        #expect(byRanges == sorted)
        // Every position is in exactly one range.
        for position in positions { #expect(ranges.filter { $0.contains(position.key) }.count == 1) }
        #expect(positions.sorted { rule.precedes($0, $1, order: .deadline, now: now) } == positions.sorted())
    }

    @Test("The clock label names the clock: team, chat, or the marketplace")
    func clockLabels() {
        #expect(ClockLabel.of(policy: "team-first-answer", channel: .email, marketplace: .shopify) == "team")
        #expect(ClockLabel.of(policy: "live-chat", channel: .chat, marketplace: .shopify) == "chat")
        #expect(ClockLabel.of(policy: "amazon-messages", channel: .marketplace, marketplace: .amazon) == "AMZ")
        #expect(ClockLabel.of(policy: nil, channel: .email, marketplace: .shopify) == "Shop")
        for marketplace in Marketplace.allCases {
            #expect(ClockLabel.of(policy: "x", channel: .marketplace, marketplace: marketplace).count <= ClockLabel.width)
        }
    }
}

@Suite("Snooze times typed by the agent")
struct SnoozeTimeTests {
    // Monday 7 December 2026, 10:30 in Shanghai (02:30 UTC).
    let now = Date(timeIntervalSince1970: 1_796_610_600)
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    func local(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = shanghai
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    @Test("Durations count from now")
    func durations() throws {
        #expect(try SnoozeTime.parse("2h", now: now, timeZone: shanghai) == now.addingTimeInterval(7200))
        #expect(try SnoozeTime.parse("45m", now: now, timeZone: shanghai) == now.addingTimeInterval(2700))
        #expect(try SnoozeTime.parse("1h30m", now: now, timeZone: shanghai) == now.addingTimeInterval(5400))
        #expect(try SnoozeTime.parse(" 3d ", now: now, timeZone: shanghai) == now.addingTimeInterval(3 * 86_400))
    }

    @Test("A time of day is the next time the agent's clock shows it")
    func timesOfDay() throws {
        #expect(local(try SnoozeTime.parse("14:00", now: now, timeZone: shanghai)) == "2026-12-07 14:00")
        #expect(local(try SnoozeTime.parse("9", now: now, timeZone: shanghai)) == "2026-12-08 09:00")
        #expect(local(try SnoozeTime.parse("10:15", now: now, timeZone: shanghai)) == "2026-12-08 10:15")
        #expect(local(try SnoozeTime.parse("tomorrow 9", now: now, timeZone: shanghai)) == "2026-12-08 09:00")
        #expect(local(try SnoozeTime.parse("Tomorrow", now: now, timeZone: shanghai)) == "2026-12-08 09:00")
        #expect(local(try SnoozeTime.parse("tomorrow 14:30", now: now, timeZone: shanghai)) == "2026-12-08 14:30")
        // The same instant read in another zone is another wall-clock time.
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let inBerlin = try SnoozeTime.parse("14:00", now: now, timeZone: berlin)
        #expect(inBerlin.timeIntervalSince(now) == 10.5 * 3600)
    }

    @Test("Mistakes are named, and nothing in the past is accepted")
    func errors() {
        for (text, words) in [("", "no time given"), ("25:00", "not a time of day"), ("soon", "not a time of day"),
                              ("today 9", "has passed"), ("2x", "not a time of day"), ("0m", "not in the future"),
                              ("tomorrow at 9", "one time of day")] {
            #expect {
                try SnoozeTime.parse(text, now: now, timeZone: shanghai)
            } throws: { error in
                "\(error)".contains(words) && "\(error)".contains("try 14:00")
            }
        }
    }
}
