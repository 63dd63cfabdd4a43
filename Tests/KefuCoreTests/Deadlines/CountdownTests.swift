import Foundation
import Testing
@testable import KefuCore

@Suite("Countdown text reads at a glance and never relies on colour")
struct CountdownTests {
    @Test func compactForms() {
        #expect(Countdown.compact(remaining: 3 * 86_400 + 4 * 3600 + 59) == "3d04h")
        #expect(Countdown.compact(remaining: 86_399) == "23h59m")
        #expect(Countdown.compact(remaining: 252) == "4m12s")
        #expect(Countdown.compact(remaining: -3_900) == "-1h05m")
        #expect(Countdown.compact(remaining: -240) == "-4m00s")
    }

    @Test func preciseAndStatus() {
        #expect(Countdown.precise(remaining: 86_352) == "23h59m12s")
        #expect(Countdown.status(remaining: -240, state: .overdue) == "-0h04m00s OVERDUE")
        #expect(Countdown.status(remaining: 1_800, state: .warning) == "0h30m00s DUE SOON")
        #expect(Countdown.queueText(due: nil, now: Date()) == "—")
    }

    @Test("Warning under 25% of the target or under one hour; overdue past due")
    func states() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(DeadlineState.of(due: now.addingTimeInterval(-1), target: 86_400, now: now) == .overdue)
        #expect(DeadlineState.of(due: now.addingTimeInterval(3_599), target: 86_400, now: now) == .warning)
        #expect(DeadlineState.of(due: now.addingTimeInterval(5 * 3600), target: 24 * 3600, now: now) == .warning)
        #expect(DeadlineState.of(due: now.addingTimeInterval(7 * 3600), target: 24 * 3600, now: now) == .onTrack)
        #expect(DeadlineState.of(due: nil, target: nil, now: now) == .none)
        #expect(DeadlineState.overdue.mark != DeadlineState.onTrack.mark)
    }
}
