import Foundation
import Testing
import KefuCore

@Suite("SLA engine: policies, layers, clocks, holds, settling")
struct SLAEngineTests {
    let shanghai = "Asia/Shanghai"

    /// The shape of the shipped defaults, reduced: marketplace rules, a fallback, and the team's
    /// own 4 business hours in a second layer.
    func configuration(amazonHours: Double = 24) -> SLAConfiguration {
        SLAConfiguration(
            layers: ["marketplace", "team"],
            policies: [
                SLAPolicy(name: "amazon-returns", layer: "marketplace",
                          conditions: PolicyConditions(marketplaces: [.amazon], kinds: [.returnRequest]),
                          targets: [.firstReply: .calendar(seconds: 48 * 3600), .nextReply: .calendar(seconds: 48 * 3600)]),
                SLAPolicy(name: "amazon-messages", layer: "marketplace",
                          conditions: PolicyConditions(marketplaces: [.amazon]),
                          targets: [.firstReply: .calendar(seconds: amazonHours * 3600), .nextReply: .calendar(seconds: amazonHours * 3600)]),
                SLAPolicy(name: "ebay-returns", layer: "marketplace",
                          conditions: PolicyConditions(marketplaces: [.ebay], kinds: [.returnRequest, .itemNotReceived]),
                          targets: [.firstReply: .businessDays(3)]),
                SLAPolicy(name: "vip-chat", layer: "marketplace",
                          conditions: PolicyConditions(channels: [.chat], tags: ["VIP"]),
                          targets: [.firstReply: .calendar(seconds: 120)]),
                SLAPolicy(name: "default", layer: "marketplace",
                          targets: [.firstReply: .calendar(seconds: 48 * 3600), .nextReply: .calendar(seconds: 48 * 3600)]),
                SLAPolicy(name: "team-4bh", layer: "team",
                          targets: [.firstReply: .businessTime(seconds: 4 * 3600), .nextReply: .businessTime(seconds: 4 * 3600),
                                    .resolution: .businessDays(5)],
                          pausesOn: [.waitingOnCustomer, .onHold]),
            ],
            calendars: ["china-team": chinaTeamCalendar()], teamCalendar: "china-team")
    }

    func facts(_ marketplace: Marketplace = .amazon, channel: Channel = .marketplace, kind: TicketKind = .message,
               since: Date?, replied: Bool = false, tags: Set<String> = [], holds: [Hold] = [],
               status: TicketStatus = .open) -> ConversationFacts {
        ConversationFacts(channel: channel, marketplace: marketplace, status: status, awaitingSince: since,
                          hasReplied: replied, kind: kind, tags: tags, holds: holds)
    }

    @Test("Marketplace 24 calendar hours and the team's 4 business hours run side by side")
    func twoLayers() throws {
        let engine = try SLAEngine(configuration())
        // Monday 2 March 2026, 10:00 in Shanghai.
        let arrived = local("2026-03-02 10:00", shanghai)
        let clocks = engine.clocks(for: facts(since: arrived))
        let first = clocks.filter { $0.kind == .firstReply }
        #expect(first.map(\.policy) == ["amazon-messages", "team-4bh"])
        #expect(first[0].due == arrived.addingTimeInterval(86_400))
        #expect(first[0].business == false)
        // 10:00-12:00 and 13:30-15:30.
        #expect(first[1].due == local("2026-03-02 15:30", shanghai))
        #expect(first[1].business == true)
        #expect(clocks.nearest?.policy == "team-4bh")
    }

    @Test("Policies are tried in order: the first match wins, the fallback takes the rest")
    func orderAndFallback() throws {
        let engine = try SLAEngine(configuration())
        let arrived = local("2026-03-02 10:00", shanghai)
        // An Amazon return matches amazon-returns before the broader amazon-messages.
        #expect(engine.policy(for: facts(kind: .returnRequest, since: arrived), inLayer: "marketplace")?.name == "amazon-returns")
        #expect(engine.policy(for: facts(since: arrived), inLayer: "marketplace")?.name == "amazon-messages")
        // A Walmart message matches nothing specific: the fallback.
        #expect(engine.policy(for: facts(.walmart, since: arrived), inLayer: "marketplace")?.name == "default")
        // An eBay plain message is not a return: the fallback, not ebay-returns.
        #expect(engine.policy(for: facts(.ebay, since: arrived), inLayer: "marketplace")?.name == "default")
        // Tags match case-insensitively, any listed tag will do.
        #expect(engine.policy(for: facts(.shopify, channel: .chat, since: arrived, tags: ["vip"]), inLayer: "marketplace")?.name == "vip-chat")
        #expect(engine.policy(for: facts(.shopify, channel: .chat, since: arrived), inLayer: "marketplace")?.name == "default")
    }

    @Test("An eBay return is due at the close of the third working day")
    func ebayBusinessDays() throws {
        let engine = try SLAEngine(configuration())
        let clock = engine.clocks(for: facts(.ebay, kind: .returnRequest, since: local("2026-03-06 16:00", shanghai)))
            .first { $0.policy == "ebay-returns" }
        #expect(clock?.due == local("2026-03-11 18:00", shanghai))
        #expect(clock?.business == true)
        // Friday's remainder is not counted; Mon, Tue, Wed have 7.5 working hours each.
        let expected: TimeInterval = 3 * 7.5 * 3600
        #expect(clock?.target == expected)
    }

    @Test("A hold during a business-day clock moves it by the share of the day spent on hold")
    func businessDaysWithHold() throws {
        var configuration = configuration()
        configuration.policies[2].pausesOn = [.onHold]
        let engine = try SLAEngine(configuration)
        // Friday request; on hold Tuesday 09:00-12:00 (3 of Tuesday's 7.5 working hours).
        let hold = Hold(reason: .onHold, start: local("2026-03-10 09:00", shanghai), end: local("2026-03-10 12:00", shanghai))
        let clock = engine.clocks(for: facts(.ebay, kind: .returnRequest, since: local("2026-03-06 16:00", shanghai), holds: [hold]))
            .first { $0.policy == "ebay-returns" }
        // Wednesday's close plus 3 working hours of Thursday.
        #expect(clock?.due == local("2026-03-12 12:00", shanghai))
    }

    @Test("A customer follow-up after a reply starts the next-reply clock from the follow-up")
    func nextReply() throws {
        let engine = try SLAEngine(configuration())
        let followUp = local("2026-03-03 09:30", shanghai)
        let clocks = engine.clocks(for: facts(since: followUp, replied: true))
        let amazon = clocks.first { $0.policy == "amazon-messages" }
        #expect(amazon?.kind == .nextReply)
        #expect(amazon?.started == followUp)
        #expect(amazon?.due == followUp.addingTimeInterval(86_400))
        // Once answered (nothing awaits a reply) no reply clock runs.
        #expect(engine.clocks(for: facts(since: nil, replied: true)).allSatisfy { $0.kind == .resolution })
    }

    @Test("A ticket on hold over the weekend: the team clock resumes where it stopped, Amazon's does not stop")
    func pausedOverWeekend() throws {
        let engine = try SLAEngine(configuration())
        let arrived = local("2026-03-06 16:00", shanghai)   // Friday
        // Waiting on the customer from Friday 17:00 to Monday 11:00.
        let hold = Hold(reason: .waitingOnCustomer, start: local("2026-03-06 17:00", shanghai), end: local("2026-03-09 11:00", shanghai))
        let clocks = engine.clocks(for: facts(since: arrived, holds: [hold]))
        let team = clocks.first { $0.policy == "team-4bh" && $0.kind == .firstReply }
        // 1 h counted on Friday; Monday 09:00-11:00 on hold; 3 h left from 11:00: 11-12, 13:30-15:30.
        #expect(team?.due == local("2026-03-09 15:30", shanghai))
        #expect(team?.paused == false)
        let amazon = clocks.first { $0.policy == "amazon-messages" }
        #expect(amazon?.due == arrived.addingTimeInterval(86_400))
    }

    @Test("While the hold lasts the clock is paused and stays out of the queue order")
    func openHold() throws {
        let engine = try SLAEngine(configuration())
        let arrived = local("2026-03-02 10:00", shanghai)
        let hold = Hold(reason: .onHold, start: local("2026-03-02 11:00", shanghai))
        let clocks = engine.clocks(for: facts(since: arrived, holds: [hold]))
        let team = clocks.first { $0.policy == "team-4bh" && $0.kind == .firstReply }
        #expect(team?.paused == true)
        // Frozen with 3 business hours left at 11:00.
        #expect(team?.due == local("2026-03-02 15:30", shanghai))
        #expect(clocks.nearest?.policy == "amazon-messages")
    }

    @Test("A policy edit applies to an open ticket from the moment the engine is rebuilt")
    func policyEdit() throws {
        let arrived = local("2026-03-02 10:00", shanghai)
        let open = facts(since: arrived)
        let before = try SLAEngine(configuration(amazonHours: 24)).clocks(for: open).first { $0.policy == "amazon-messages" }
        let after = try SLAEngine(configuration(amazonHours: 12)).clocks(for: open).first { $0.policy == "amazon-messages" }
        #expect(before?.due == arrived.addingTimeInterval(24 * 3600))
        #expect(after?.due == arrived.addingTimeInterval(12 * 3600))
        #expect(after?.started == before?.started)
    }

    @Test("Solved conversations run no clock; resolution runs from the first message")
    func resolution() throws {
        let engine = try SLAEngine(configuration())
        let opened = local("2026-03-02 10:00", shanghai)
        var open = facts(since: nil, replied: true)
        open.openedAt = opened
        let resolution = engine.clocks(for: open).first { $0.kind == .resolution }
        #expect(resolution?.due == local("2026-03-09 18:00", shanghai))
        open.status = .solved
        #expect(engine.clocks(for: open).isEmpty)
    }

    @Test("Settling: met before the due, breached after it, with elapsed calendar and business seconds")
    func settling() throws {
        let engine = try SLAEngine(configuration())
        let arrived = local("2026-03-06 16:00", shanghai)
        let open = facts(since: arrived)
        let team = try #require(engine.clocks(for: open).first { $0.policy == "team-4bh" })
        let mondayTen = local("2026-03-09 10:00", shanghai)
        let onTime = engine.settle(team, facts: open, at: mondayTen)
        #expect(onTime.verdict == .met)
        #expect(onTime.elapsedBusinessSeconds == 3 * 3600)
        #expect(onTime.elapsedCalendarSeconds == mondayTen.timeIntervalSince(arrived))
        let late = engine.settle(team, facts: open, at: local("2026-03-09 13:00", shanghai))
        #expect(late.verdict == .breached)
        #expect(late.outcome(ticketID: 7).met == false)
        // The Amazon clock measured on the team calendar too, for the meters.
        let amazon = try #require(engine.clocks(for: open).first { $0.policy == "amazon-messages" })
        #expect(engine.settle(amazon, facts: open, at: mondayTen).elapsedBusinessSeconds == 3 * 3600)
    }

    @Test("Time on hold is left out of elapsed figures and of the verdict")
    func settlingAfterHold() throws {
        let engine = try SLAEngine(configuration())
        let arrived = local("2026-03-02 10:00", shanghai)
        let hold = Hold(reason: .waitingOnCustomer, start: local("2026-03-02 11:00", shanghai), end: local("2026-03-03 11:00", shanghai))
        let held = facts(since: arrived, holds: [hold])
        let team = try #require(engine.clocks(for: held).first { $0.policy == "team-4bh" })
        // Answered Tuesday 14:00: 1 h Monday + 11:00-12:00 + 13:30-14:00 Tuesday = 2.5 h.
        let settled = engine.settle(team, facts: held, at: local("2026-03-03 14:00", shanghai))
        #expect(settled.verdict == .met)
        #expect(settled.elapsedBusinessSeconds == 2.5 * 3600)
        #expect(settled.elapsedCalendarSeconds == 4 * 3600)
        // Without the hold the same answer is late.
        let unheld = facts(since: arrived)
        let plain = try #require(engine.clocks(for: unheld).first { $0.policy == "team-4bh" })
        #expect(engine.settle(plain, facts: unheld, at: local("2026-03-03 14:00", shanghai)).verdict == .breached)
    }

    @Test("No response needed settles the message without a reply and out of the figures")
    func noResponseNeeded() throws {
        let engine = try SLAEngine(configuration())
        let open = facts(since: local("2026-03-02 10:00", shanghai))
        let amazon = try #require(engine.clocks(for: open).first { $0.policy == "amazon-messages" })
        let excused = engine.settle(amazon, facts: open, at: local("2026-03-05 10:00", shanghai), reason: .noResponseNeeded)
        #expect(excused.verdict == .excused)
        #expect(excused.countsInFigures == false)
    }

    @Test("Explain names the policy, the conditions that chose it and the ones passed over")
    func explain() throws {
        let engine = try SLAEngine(configuration())
        let text = engine.explain(facts(.ebay, kind: .itemNotReceived, since: local("2026-03-06 16:00", shanghai))).description
        #expect(text.contains("layer marketplace: ebay-returns (marketplace is ebay, kind is item_not_received)"))
        #expect(text.contains("passed over: amazon-returns (marketplace is ebay, not amazon)"))
        #expect(text.contains("first_reply 3bd on china-team"))
        #expect(text.contains("due 2026-03-11T10:00:00Z"))
        #expect(text.contains("layer team: team-4bh (fallback"))
        let answered = engine.explain(facts(since: nil, replied: true)).description
        #expect(answered.contains("next_reply: no customer message awaits a reply"))
    }

    @Test("A configuration with a broken reference is refused, naming the policy and field")
    func refusesBrokenConfiguration() {
        var broken = configuration()
        broken.policies[2].calendar = "berlin-office"
        #expect(throws: SLAConfigurationProblem(policyIndex: 2, field: "calendar", message: "no calendar named 'berlin-office'")) {
            try SLAEngine(broken)
        }
        var noCalendar = configuration()
        noCalendar.teamCalendar = nil
        noCalendar.calendars = [:]
        let problems = noCalendar.problems()
        #expect(problems.contains { $0.policyIndex == 2 && $0.field == "targets.first_reply" })
    }

    @Test("DeadlineOutcome.settle lets the engine judge, with business seconds")
    func businessTimeMeasuring() throws {
        let engine = try SLAEngine(configuration())
        let open = facts(since: local("2026-03-06 16:00", shanghai))
        let team = try #require(engine.clocks(for: open).first { $0.policy == "team-4bh" })
        let outcome = DeadlineOutcome.settle(team, ticketID: 1, facts: open, at: local("2026-03-09 10:00", shanghai), policy: engine)
        #expect(outcome.elapsedBusinessSeconds == 3 * 3600)
        #expect(outcome.met)
    }

    @Test("Due soon is judged on the clock's own time: the last quarter of three business days is business hours")
    func warningOnBusinessTime() throws {
        let engine = try SLAEngine(configuration())
        let arrived = local("2026-03-06 16:00", shanghai)  // Friday afternoon
        let clock = try #require(engine.clocks(for: facts(.ebay, kind: .returnRequest, since: arrived)).first { $0.policy == "ebay-returns" })
        // Three working days from Monday's opening: Monday, Tuesday, Wednesday, 7.5 h each.
        #expect(clock.due == local("2026-03-11 18:00", shanghai))
        #expect(clock.target == 3 * 7.5 * 3600)
        // A quarter left (5 h 37.5 m of business time) on Wednesday at 10:52:30.
        #expect(clock.warnAt == local("2026-03-11 10:52", shanghai).addingTimeInterval(30))
        // At 11:00 seven calendar hours remain (more than a quarter of 22.5 h), but only
        // 5.5 business hours: due soon.
        #expect(DeadlineState.of(clock, now: local("2026-03-11 11:00", shanghai)) == .warning)
        #expect(DeadlineState.of(due: clock.due, target: clock.target, now: local("2026-03-11 11:00", shanghai)) == .onTrack)
        #expect(DeadlineState.of(clock, now: local("2026-03-11 10:00", shanghai)) == .onTrack)
    }
}
