import Foundation
import Testing
import KefuCore

@Suite("Business calendar arithmetic")
struct BusinessCalendarTests {
    let shanghai = "Asia/Shanghai"

    @Test("A lunch break is not working time")
    func lunchBreak() {
        let calendar = chinaTeamCalendar()
        // Monday 2 March 2026, 11:30 + 1 business hour: 30 min before lunch, 30 min after it.
        let due = calendar.adding(businessSeconds: 3600, to: local("2026-03-02 11:30", shanghai))
        #expect(due == local("2026-03-02 14:00", shanghai))
        #expect(calendar.businessSeconds(from: local("2026-03-02 11:00", shanghai), to: local("2026-03-02 14:00", shanghai)) == 5400)
    }

    @Test("A message arriving during lunch starts counting at 13:30")
    func arrivingDuringLunch() {
        let due = chinaTeamCalendar().adding(businessSeconds: 1800, to: local("2026-03-02 12:10", shanghai))
        #expect(due == local("2026-03-02 14:00", shanghai))
    }

    @Test("Business time stops over the weekend")
    func weekend() {
        let calendar = chinaTeamCalendar()
        // Friday 6 March 17:00 + 2 business hours: one on Friday, one on Monday.
        #expect(calendar.adding(businessSeconds: 7200, to: local("2026-03-06 17:00", shanghai)) == local("2026-03-09 10:00", shanghai))
        #expect(calendar.businessSeconds(from: local("2026-03-06 17:00", shanghai), to: local("2026-03-09 10:00", shanghai)) == 7200)
    }

    @Test("A target ending exactly at closing time is due at closing, not the next morning")
    func endsAtClose() {
        let due = chinaTeamCalendar().adding(businessSeconds: 3600, to: local("2026-03-02 17:00", shanghai))
        #expect(due == local("2026-03-02 18:00", shanghai))
    }

    @Test("A night shift across midnight counts both sides of it")
    func acrossMidnight() {
        let night = BusinessCalendar(
            name: "night", timeZone: TimeZone(identifier: "UTC")!, weeklyHours: everyDay(ranges("00:00-02:00", "22:00-24:00")))
        // 23:00 + 2 business hours: one before midnight, one after.
        #expect(night.adding(businessSeconds: 7200, to: utc("2026-03-02 23:00")) == utc("2026-03-03 01:00"))
        #expect(night.businessSeconds(from: utc("2026-03-02 21:00"), to: utc("2026-03-03 03:00")) == 4 * 3600)
    }

    @Test("Spring Festival days are closed and the make-up Saturday (调休) is worked")
    func springFestival() {
        let calendar = chinaTeamCalendar()
        // Friday 13 Feb 17:00 + 4 bh: 1 h Friday, then Saturday 14 Feb is a make-up working day.
        #expect(calendar.adding(businessSeconds: 4 * 3600, to: local("2026-02-13 17:00", shanghai)) == local("2026-02-14 12:00", shanghai))
        // Saturday 14 Feb 17:00 + 4 bh: 1 h that day, closed 15-23 Feb, back on Tuesday 24 Feb.
        #expect(calendar.adding(businessSeconds: 4 * 3600, to: local("2026-02-14 17:00", shanghai)) == local("2026-02-24 12:00", shanghai))
        #expect(calendar.hours(on: date("2026-02-18")).isEmpty)
        #expect(calendar.hours(on: date("2026-02-28")) == ranges("09:00-12:00", "13:30-18:00"))
        #expect(calendar.hours(on: date("2026-03-07")).isEmpty)
    }

    @Test("An override opens a promotion Saturday with shorter hours")
    func promotionSaturday() {
        let calendar = chinaTeamCalendar(overrides: [date("2026-11-07"): ranges("10:00-16:00")])
        // Friday 6 Nov 17:00 + 3 bh: 1 h Friday, 2 h on the promotion Saturday from 10:00.
        #expect(calendar.adding(businessSeconds: 3 * 3600, to: local("2026-11-06 17:00", shanghai)) == local("2026-11-07 12:00", shanghai))
        // Without the override the same target lands on Monday.
        #expect(chinaTeamCalendar().adding(businessSeconds: 3 * 3600, to: local("2026-11-06 17:00", shanghai)) == local("2026-11-09 11:00", shanghai))
    }

    @Test("An override with no ranges closes a working day")
    func closingOverride() {
        let calendar = chinaTeamCalendar(overrides: [date("2026-03-03"): []])
        #expect(calendar.adding(businessSeconds: 3600, to: local("2026-03-02 17:30", shanghai)) == local("2026-03-04 09:30", shanghai))
    }

    @Test("Business days end at the close of the n-th working day after the arrival day")
    func businessDays() {
        let calendar = chinaTeamCalendar()
        // Friday 6 March, any time: 3 business days is the close of Wednesday 11 March.
        #expect(calendar.closeOfWorkingDay(3, after: local("2026-03-06 09:05", shanghai)) == local("2026-03-11 18:00", shanghai))
        #expect(calendar.closeOfWorkingDay(3, after: local("2026-03-06 23:55", shanghai)) == local("2026-03-11 18:00", shanghai))
        // Saturday: the next business day is Monday.
        #expect(calendar.closeOfWorkingDay(1, after: local("2026-03-07 10:00", shanghai)) == local("2026-03-09 18:00", shanghai))
        // Before Spring Festival: Friday 13 Feb + 2 business days = Sat 14 Feb (make-up day), Tue 24 Feb.
        #expect(calendar.closeOfWorkingDay(2, after: local("2026-02-13 10:00", shanghai)) == local("2026-02-24 18:00", shanghai))
    }

    @Test("Answers outside the precomputed years match those inside")
    func outsidePrecomputedYears() {
        let narrow = BusinessCalendar(
            name: "narrow", timeZone: TimeZone(identifier: "Europe/Berlin")!,
            weeklyHours: weekdays(ranges("09:00-17:00")), precomputedYears: 2026...2026)
        let wide = BusinessCalendar(
            name: "wide", timeZone: TimeZone(identifier: "Europe/Berlin")!,
            weeklyHours: weekdays(ranges("09:00-17:00")), precomputedYears: 2020...2030)
        // Starts in 2026, ends in 2027 (past the narrow table), crossing New Year.
        let start = local("2026-12-30 15:00", "Europe/Berlin")
        #expect(narrow.adding(businessSeconds: 20 * 3600, to: start) == wide.adding(businessSeconds: 20 * 3600, to: start))
        #expect(narrow.adding(businessSeconds: 20 * 3600, to: start) == local("2027-01-04 11:00", "Europe/Berlin"))
        let before = local("2025-12-24 10:00", "Europe/Berlin")
        #expect(narrow.businessSeconds(from: before, to: start) == wide.businessSeconds(from: before, to: start))
    }

    @Test("Working ranges and dates are read strictly")
    func parsing() {
        #expect(WorkingRange(parsing: "09:00-12:00") == WorkingRange(startMinute: 540, endMinute: 720))
        #expect(WorkingRange(parsing: "22:00-24:00")?.endMinute == 1440)
        #expect(WorkingRange(parsing: "18:00-09:00") == nil)
        #expect(WorkingRange(parsing: "9-12") == nil)
        #expect(WorkingRange(parsing: "09:00-12:60") == nil)
        #expect(CivilDate(parsing: "2026-02-29") == nil)
        #expect(CivilDate(parsing: "2028-02-29") != nil)
        #expect(CivilDate(parsing: "2026-02-15")?.weekday == .sunday)
        #expect(Weekday.days(in: "mon-fri") == [.monday, .tuesday, .wednesday, .thursday, .friday])
        #expect(Weekday.days(in: "sat-mon") == [.saturday, .sunday, .monday])
    }

    @Test("Day numbers and dates agree across centuries")
    func civilDateRoundTrip() {
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let civil = CivilDate(dayNumber: day)
            #expect(civil.dayNumber == day)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1).dayNumber == 11_017)
    }
}
