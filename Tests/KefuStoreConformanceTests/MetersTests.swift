import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Every dashboard figure of `TeamDay`, worked out by hand (see its doc comment).
@Suite("Meters: a small team's day with known answers")
struct MetersTests {
    /// `TeamDay` in a store of the backend, and the figures of its 16:00.
    struct Day {
        let temp: BackendStore
        let tickets: TeamDay.Tickets
        let figures: DashboardFigures

        init(_ backend: StoreBackend) throws {
            temp = try BackendStore(backend)
            tickets = try TeamDay.build(temp.store)
            figures = DashboardFigures.compute(try temp.store.meterInputs(now: TeamDay.now, timeZone: TeamDay.timeZone))
        }

        func agent(_ name: String?) throws -> MeterRow {
            try #require(figures.agents.first { $0.subject == .agent(name) }, "no row for \(name ?? "nobody")")
        }

        func lane(_ channel: Channel, _ marketplace: Marketplace) throws -> MeterRow {
            try #require(figures.lanes.first { $0.subject == .lane(Lane(channel: channel, marketplace: marketplace)) })
        }
    }

    @Test("Per agent: percentiles (nearest rank), paused time and excused answers left out", arguments: StoreBackend.allCases)
    func agents(_ backend: StoreBackend) throws {
        let day = try Day(backend)
        let li = try day.agent("Li Wei")
        #expect(li.repliedToday == 5)  // the "no response needed" record is not an answer
        #expect(li.firstReply == Percentiles(p50: 1200, p90: 1800, count: 3))  // 1800, not the 9000 s with the hold
        #expect(li.reply == Percentiles(p50: 1800, p90: 90_000, count: 5))  // the two clocks of one answer count once
        #expect(li.metToday == Share(part: 5, whole: 6))
        #expect(li.met7d == Share(part: 9, whole: 10))
        #expect(li.open == 2)
        #expect(li.overdueNow == 0)
        #expect(li.dueWithinHour == 1)

        let anna = try day.agent("Anna")
        #expect(anna.repliedToday == 3)
        #expect(anna.firstReply == Percentiles(p50: 120, p90: 7200, count: 2))
        #expect(anna.reply == Percentiles(p50: 900, p90: 7200, count: 3))
        // T7, solved without a reply, is a breached deadline; T8 ("no response needed") is in no count.
        #expect(anna.metToday == Share(part: 2, whole: 4))
        #expect(anna.met7d == Share(part: 2, whole: 5))
        #expect(anna.open == 2)
        #expect(anna.overdueNow == 2)
        #expect(anna.dueWithinHour == 0)

        let nobody = try day.agent(nil)
        #expect(nobody.open == 2)
        #expect(nobody.repliedToday == 0)
        #expect(nobody.firstReply == nil)
        #expect(nobody.metToday == .none)
        #expect(day.figures.agents.count == 3)
    }

    @Test("7-day percentiles beside today's: answers since midnight six days ago (Li Wei's 3-day-old ones in, 20-day-old out)", arguments: StoreBackend.allCases)
    func week(_ backend: StoreBackend) throws {
        let day = try Day(backend)
        let li = try day.agent("Li Wei")
        // First replies are all today's: 600, 1200, 1800.
        #expect(li.firstReply7d == Percentiles(p50: 1200, p90: 1800, count: 3))
        // Today's five answers and four of 1000 s three days ago: 600 1000 1000 1000 1000 1200 1800 3600 90000.
        #expect(li.reply7d == Percentiles(p50: 1000, p90: 90_000, count: 9))
        let anna = try day.agent("Anna")
        #expect(anna.firstReply7d == Percentiles(p50: 120, p90: 7200, count: 2))
        #expect(anna.reply7d == Percentiles(p50: 600, p90: 7200, count: 4))  // 120 600 900 7200
        // Whole queue, 13 answers: 120 600 600 900 1000 1000 1000 1000 1200 1800 3600 7200 90000.
        #expect(day.figures.team.firstReply7d == Percentiles(p50: 1200, p90: 7200, count: 5))
        #expect(day.figures.team.reply7d == Percentiles(p50: 1000, p90: 7200, count: 13))
        #expect(try day.lane(.chat, .shopify).reply7d == Percentiles(p50: 600, p90: 900, count: 3))  // 120 600 900
        #expect(try day.agent(nil).reply7d == nil)
        #expect(!day.figures.weekPending)
    }

    @Test("Everyone on the team list gets a row, figures or not; a listed name is not repeated in another case", arguments: StoreBackend.allCases)
    func teamList(_ backend: StoreBackend) throws {
        let day = try Day(backend)
        let listed = DashboardFigures.compute(try day.temp.store.meterInputs(now: TeamDay.now, timeZone: TeamDay.timeZone),
                                              members: ["li wei", "Bo Chen", "Anna"])
        #expect(listed.agents.map(\.subject.title) == ["(unassigned)", "Anna", "Bo Chen", "Li Wei"])
        let bo = try #require(listed.agents.first { $0.subject == .agent("Bo Chen") })
        #expect(bo == MeterRow(subject: .agent("Bo Chen")))
        #expect(listed.team == day.figures.team)
    }

    @Test("The whole queue and its histogram of time to deadline", arguments: StoreBackend.allCases)
    func wholeQueue(_ backend: StoreBackend) throws {
        let day = try Day(backend)
        let team = day.figures.team
        #expect(team.open == 6)
        #expect(team.repliedToday == 8)
        #expect(team.firstReply == Percentiles(p50: 1200, p90: 7200, count: 5))
        #expect(team.reply == Percentiles(p50: 1200, p90: 90_000, count: 8))
        #expect(team.metToday == Share(part: 7, whole: 10))
        #expect(team.met7d == Share(part: 11, whole: 15))
        #expect(team.overdueNow == 2)
        #expect(team.dueWithinHour == 1)
        #expect(day.figures.histogram[.overdue] == 2)
        #expect(day.figures.histogram[.underHour] == 1)
        #expect((day.figures.histogram[.oneToFourHours] ?? 0) == 0)
        #expect(day.figures.histogram[.fourToDay] == 2)
        #expect((day.figures.histogram[.overDay] ?? 0) == 0)
    }

    @Test("Per channel and marketplace, with Amazon's late-response rate over 7, 30 and 90 days", arguments: StoreBackend.allCases)
    func lanes(_ backend: StoreBackend) throws {
        let day = try Day(backend)
        let amazon = try day.lane(.marketplace, .amazon)
        #expect(amazon.open == 3)
        #expect(amazon.repliedToday == 6)
        #expect(amazon.metToday == Share(part: 6, whole: 8))
        #expect(amazon.met7d == Share(part: 10, whole: 12))
        #expect(amazon.overdueNow == 1)
        #expect(amazon.dueWithinHour == 1)
        // Answered after 24 h, unanswered after 24 h (T3) or closed without a reply (T7), of all;
        // "no response needed" (T8 and Li Wei's excused record) left out.
        #expect(amazon.lateResponse[.days7] == Share(part: 3, whole: 12))
        #expect(amazon.lateResponse[.days30] == Share(part: 5, whole: 14))
        #expect(amazon.lateResponse[.days90] == Share(part: 5, whole: 15))
        #expect(amazon.lateResponse[.days7]?.percentText == "25.0%")

        let chat = try day.lane(.chat, .shopify)
        #expect(chat.repliedToday == 2)
        #expect(chat.metToday == Share(part: 1, whole: 2))
        #expect(chat.met7d == Share(part: 1, whole: 3))
        #expect(chat.overdueNow == 1)
        #expect(chat.lateResponse.isEmpty)  // no marketplace measure outside Amazon
        #expect(try day.lane(.marketplace, .ebay).open == 1)
        #expect(try day.lane(.email, .shopify).open == 1)
        #expect(day.figures.lanes.count == 4)
    }

    @Test("Inbound messages and replies per hour over the last 24 hours", arguments: StoreBackend.allCases)
    func traffic(_ backend: StoreBackend) throws {
        let day = try Day(backend)
        #expect(day.figures.traffic.count == 24)
        #expect(day.figures.traffic.last?.hour == TeamDay.now)
        #expect(day.figures.traffic.map(\.inbound).reduce(0, +) == 5)  // T1, T4, T5, T7, T8 (T2 and T3 came earlier)
        #expect(day.figures.traffic.map(\.replies).reduce(0, +) == 1)  // T6
        #expect(day.figures.traffic.first { $0.hour == TeamDay.now.addingTimeInterval(-3600) }?.inbound == 1)
    }

    @Test("A reply sent from the console lands in the rollups at once, credited to the owner", arguments: StoreBackend.allCases)
    func incremental(_ backend: StoreBackend) throws {
        let day = try Day(backend)
        let sentAt = TeamDay.now.addingTimeInterval(60)
        _ = try day.temp.store.send(ReplyRequest(ticketID: day.tickets.t5, body: "On its way.", author: "Li Wei", idempotencyKey: "k"), now: sentAt)
        let after = DashboardFigures.compute(try day.temp.store.meterInputs(now: sentAt, timeZone: TeamDay.timeZone))
        // T5 is unassigned: the reply's author gets the credit.
        let li = try #require(after.agents.first { $0.subject == .agent("Li Wei") })
        #expect(li.repliedToday == 6)
        #expect(li.metToday == Share(part: 6, whole: 7))
        #expect(after.team.repliedToday == 9)
        #expect(after.traffic.map(\.replies).reduce(0, +) == 2)
        #expect(after.histogram[.fourToDay] == 1)
    }

    @Test("Windows start at midnight in the team's time zone", arguments: StoreBackend.allCases)
    func timeZones(_ backend: StoreBackend) throws {
        let day = try Day(backend)
        // In Shanghai (UTC+8) it is already 00:00 on the 19th: nothing has been settled "today".
        let shanghai = DashboardFigures.compute(try day.temp.store.meterInputs(now: TeamDay.now, timeZone: TimeZone(identifier: "Asia/Shanghai")!))
        #expect(shanghai.team.repliedToday == 0)
        #expect(shanghai.team.metToday == .none)
        #expect(shanghai.team.met7d == Share(part: 11, whole: 15))
    }

    @Test("The live reader gives the same figures as a full read, before and after changes", arguments: StoreBackend.allCases)
    func live(_ backend: StoreBackend) throws {
        let day = try Day(backend)
        let live = day.temp.store.liveMeters(timeZone: TeamDay.timeZone)
        func sql(_ now: Date) throws -> DashboardFigures { DashboardFigures.compute(try day.temp.store.meterInputs(now: now, timeZone: TeamDay.timeZone)) }
        // The first read does not wait for the week's answers: SQLite loads them on another
        // thread (PostgreSQL's server reads them at once).
        let first = DashboardFigures.compute(try live.read(now: TeamDay.now))
        if backend == .sqlite { #expect(first.weekPending && first.team.reply7d == nil) }
        #expect(first.team.reply == day.figures.team.reply)
        live.waitUntilComplete()
        #expect(DashboardFigures.compute(try live.read(now: TeamDay.now)) == day.figures)
        var now = TeamDay.now.addingTimeInterval(30)
        _ = try day.temp.store.send(ReplyRequest(ticketID: day.tickets.t5, body: "On its way.", author: "Li Wei", idempotencyKey: "k"), now: now)
        try day.temp.store.assign(ticketIDs: [day.tickets.t1, day.tickets.t6], to: "Bo Chen", by: "Lead Zhang", now: now)
        _ = try day.temp.store.solve(ticketID: day.tickets.t4, outcome: OutcomeChoice(problem: .payment, responsible: .customer), by: "Anna", now: now)
        _ = try day.temp.store.ingest([Fixture.message("new", conversation: "amz-new", at: now.timeIntervalSince(Fixture.base) / 60),
                                   Fixture.message("again", conversation: "amz-3", at: now.timeIntervalSince(Fixture.base) / 60 + 1)])
        _ = try day.temp.store.startHold(ticketID: day.tickets.t1, reason: .onHold, agent: "Li Wei", now: now)
        _ = try day.temp.store.markNoResponseNeeded(ticketID: day.tickets.t3, agent: "Anna", now: now)
        now = now.addingTimeInterval(3600)  // an hour later: buckets move without any write
        let after = DashboardFigures.compute(try live.read(now: now))
        #expect(after == (try sql(now)))
        #expect(after.team.open == 6)  // T4 solved, one new conversation
        #expect(after.agents.first { $0.subject == .agent("Bo Chen") }?.open == 2)
        // The next day: today's answers start again from nothing.
        let tomorrow = TeamDay.now.addingTimeInterval(86_400)
        _ = try live.read(now: tomorrow)  // a new day: the week is loaded again
        live.waitUntilComplete()
        #expect(DashboardFigures.compute(try live.read(now: tomorrow)) == (try sql(tomorrow)))
        #expect(DashboardFigures.compute(try live.read(now: tomorrow)).team.repliedToday == 0)
    }

    @Test("A policy change made by another process reaches an open dashboard's live reader", arguments: StoreBackend.allCases)
    func policyChange(_ backend: StoreBackend) throws {
        let day = try Day(backend)
        let live = day.temp.store.liveMeters(timeZone: TeamDay.timeZone)
        _ = try live.read(now: TeamDay.now)
        live.waitUntilComplete()
        #expect(DashboardFigures.compute(try live.read(now: TeamDay.now)) == day.figures)
        // Another kefu starts with a new config: the team's own 4 h clock joins Amazon's 24 h, and
        // the open deadlines are recomputed (no message, assignment or outcome is written).
        let other = try day.temp.reopen(policy: try TestPolicy.layered(teamHours: 4, fingerprint: "new-config"))
        _ = try other.applyPolicyChangeIfNeeded()
        let now = TeamDay.now.addingTimeInterval(1)
        let after = DashboardFigures.compute(try live.read(now: now))
        #expect(after == DashboardFigures.compute(try other.meterInputs(now: now, timeZone: TeamDay.timeZone)))
        // T1 (Amazon, 15:00) is now due at 19:00 and T4 (chat, 14:00) at 18:00: 1-4 h; T5 (eBay,
        // 13:00) at 17:00, 59m59s away; T2 (16:30 yesterday) is overdue on the team's clock, like T3.
        #expect(after.histogram[.oneToFourHours] == 2)
        #expect(after.histogram[.underHour] == 1)
        #expect(after.histogram[.overdue] == 2)
        #expect(after.histogram != day.figures.histogram)
    }
}
