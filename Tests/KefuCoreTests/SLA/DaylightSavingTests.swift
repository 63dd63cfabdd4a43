import Foundation
import Testing
import KefuCore

/// Berlin moves to summer time on 29 March 2026 (02:00 → 03:00) and back on 25 October
/// (03:00 → 02:00); Los Angeles on 8 March (02:00 → 03:00) and 1 November (02:00 → 01:00).
@Suite("Deadlines across daylight-saving changes")
struct DaylightSavingTests {
    func office(_ zone: String) -> BusinessCalendar {
        BusinessCalendar(name: "office", timeZone: TimeZone(identifier: zone)!, weeklyHours: weekdays(ranges("09:00-17:00")))
    }

    func roundTheClock(_ zone: String) -> BusinessCalendar {
        BusinessCalendar(name: "always", timeZone: TimeZone(identifier: zone)!, weeklyHours: everyDay(ranges("00:00-24:00")))
    }

    @Test("Berlin, spring forward: Monday's opening is 09:00 summer time")
    func berlinSpring() {
        let due = office("Europe/Berlin").adding(businessSeconds: 7200, to: local("2026-03-27 16:00", "Europe/Berlin"))
        #expect(due == local("2026-03-30 10:00", "Europe/Berlin"))
        #expect(due == utc("2026-03-30 08:00"))
    }

    @Test("Berlin, fall back: Monday's opening is 09:00 winter time")
    func berlinAutumn() {
        let due = office("Europe/Berlin").adding(businessSeconds: 7200, to: local("2026-10-23 16:00", "Europe/Berlin"))
        #expect(due == utc("2026-10-26 09:00"))
    }

    @Test("Los Angeles, spring forward and fall back")
    func losAngeles() {
        let calendar = office("America/Los_Angeles")
        #expect(calendar.adding(businessSeconds: 7200, to: local("2026-03-06 16:00", "America/Los_Angeles")) == utc("2026-03-09 17:00"))
        #expect(calendar.adding(businessSeconds: 7200, to: local("2026-10-30 16:00", "America/Los_Angeles")) == utc("2026-11-02 18:00"))
    }

    @Test("A working day is 23 or 25 hours long on the change nights")
    func dayLength() {
        let berlin = roundTheClock("Europe/Berlin")
        #expect(berlin.businessSeconds(from: local("2026-03-29 00:00", "Europe/Berlin"), to: local("2026-03-30 00:00", "Europe/Berlin")) == 23 * 3600)
        #expect(berlin.businessSeconds(from: local("2026-10-25 00:00", "Europe/Berlin"), to: local("2026-10-26 00:00", "Europe/Berlin")) == 25 * 3600)
        let losAngeles = roundTheClock("America/Los_Angeles")
        #expect(losAngeles.businessSeconds(from: local("2026-03-08 00:00", "America/Los_Angeles"), to: local("2026-03-09 00:00", "America/Los_Angeles")) == 23 * 3600)
        #expect(losAngeles.businessSeconds(from: local("2026-11-01 00:00", "America/Los_Angeles"), to: local("2026-11-02 00:00", "America/Los_Angeles")) == 25 * 3600)
    }

    @Test("A night shift 01:00-04:00 works 2 real hours when clocks jump forward, 4 when they fall back")
    func shiftOverTheChange() {
        let shift = BusinessCalendar(
            name: "night", timeZone: TimeZone(identifier: "America/Los_Angeles")!, weeklyHours: everyDay(ranges("01:00-04:00")))
        let spring = shift.businessSeconds(from: local("2026-03-08 00:00", "America/Los_Angeles"), to: local("2026-03-08 12:00", "America/Los_Angeles"))
        let autumn = shift.businessSeconds(from: local("2026-11-01 00:00", "America/Los_Angeles"), to: local("2026-11-01 12:00", "America/Los_Angeles"))
        #expect(spring == 2 * 3600)
        #expect(autumn == 4 * 3600)
        // An opening at 02:30, a time that does not exist that night, opens at the jump (03:00 PDT).
        let late = BusinessCalendar(
            name: "late", timeZone: TimeZone(identifier: "America/Los_Angeles")!, weeklyHours: everyDay(ranges("02:30-05:00")))
        #expect(late.adding(businessSeconds: 60, to: local("2026-03-08 00:00", "America/Los_Angeles")) == utc("2026-03-08 10:01"))
    }

    @Test("24 calendar hours are 24 real hours, whatever the wall clock says")
    func calendarClockOverTheChange() throws {
        let engine = try SLAEngine(SLAConfiguration(
            layers: ["marketplace"],
            policies: [SLAPolicy(name: "amazon", layer: "marketplace", targets: [.firstReply: .calendar(seconds: 86_400)])]))
        let arrived = local("2026-03-28 12:00", "Europe/Berlin")
        let facts = ConversationFacts(channel: .marketplace, marketplace: .amazon, status: .open, awaitingSince: arrived, hasReplied: false)
        #expect(engine.clocks(for: facts).first?.due == local("2026-03-29 13:00", "Europe/Berlin"))
    }

    @Test("Business days on a Berlin calendar close at 17:00 local after the change")
    func businessDaysOverTheChange() {
        let close = office("Europe/Berlin").closeOfWorkingDay(1, after: local("2026-03-27 10:00", "Europe/Berlin"))
        #expect(close == utc("2026-03-30 15:00"))
    }
}
