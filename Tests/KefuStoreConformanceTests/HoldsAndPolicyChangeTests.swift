import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Holds, "no response needed" and policy changes, through a real store and the SLA engine, with
/// calendar-hour targets so every due can be worked out by hand.
@Suite("Holds, no response needed, and policy changes in the store")
struct HoldsAndPolicyChangeTests {
    static func engine(teamHours: Double = 4, fingerprint: String? = "a") throws -> SLAEngine {
        try TestPolicy.layered(teamHours: teamHours, fingerprint: fingerprint)
    }

    func minutes(_ m: Double) -> Date { Fixture.base.addingTimeInterval(m * 60) }

    func clocks(_ store: any TicketStore, _ id: Int64) throws -> [String: ReplyClock] {
        Dictionary(uniqueKeysWithValues: try store.clocks(ticketID: id).map { ($0.policy, $0) })
    }

    @Test("A hold pauses the team's clock and not Amazon's; the paused time is added back when it ends", arguments: StoreBackend.allCases)
    func holdPauses(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend, policy: Self.engine())
        try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try temp.store.queue(QueueQuery(now: minutes(0)), after: nil, limit: 1).first).id
        #expect(try clocks(temp.store, id)["team"]?.due == minutes(240))

        let held = try temp.store.startHold(ticketID: id, reason: .onHold, agent: "Li", now: minutes(60))
        #expect(held.hold == .onHold)
        let paused = try clocks(temp.store, id)
        #expect(paused["team"]?.paused == true)
        #expect(paused["amazon"]?.paused == false)
        #expect(paused["amazon"]?.due == minutes(24 * 60))
        // The queue now sorts by Amazon's clock: the paused one does not count.
        #expect(try temp.store.ticket(id: id)?.due == minutes(24 * 60))

        let resumed = try temp.store.endHold(ticketID: id, agent: "Li", now: minutes(180))
        #expect(resumed.hold == nil)
        // Two hours on hold: the team's 4 hours now end at minute 240 + 120.
        #expect(try clocks(temp.store, id)["team"]?.due == minutes(360))
        #expect(resumed.due == minutes(360))
        // Both changes left a note saying who did it.
        let notes = try temp.store.messages(ticketID: id).filter { $0.direction == .note }.map(\.body)
        #expect(notes == ["On hold, clocks paused — Li", "Hold ended, clocks run again — Li"])
    }

    @Test("A customer's answer ends 'waiting on customer'; the reply settles with the paused time left out", arguments: StoreBackend.allCases)
    func customerAnswerEndsWaiting(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend, policy: Self.engine())
        try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try temp.store.queue(QueueQuery(now: minutes(0)), after: nil, limit: 1).first).id
        _ = try temp.store.startHold(ticketID: id, reason: .waitingOnCustomer, agent: "Li", now: minutes(30))
        try temp.store.ingest([Fixture.message("m2", conversation: "c1", at: 90, body: "Hier ist das Foto.")])
        #expect(try temp.store.ticket(id: id)?.hold == nil)
        // 30 minutes counted before the hold, 60 paused: the team's 4 hours end at 240 + 60.
        #expect(try clocks(temp.store, id)["team"]?.due == minutes(300))

        let sent = try temp.store.send(ReplyRequest(ticketID: id, body: "Danke!", author: "Li", idempotencyKey: "k1"), now: minutes(120))
        let team = try #require(sent.settled.first { $0.clock.policy == "team" })
        #expect(team.met)
        #expect(team.pausedSeconds == 3600)
        #expect(team.elapsedCalendarSeconds == 3600)  // 120 minutes less the hour waiting
        let amazon = try #require(sent.settled.first { $0.clock.policy == "amazon" })
        #expect(amazon.pausedSeconds == 0)
        #expect(amazon.elapsedCalendarSeconds == 7200)
    }

    @Test("No response needed settles the clocks as excused and takes the ticket out of needs-reply", arguments: StoreBackend.allCases)
    func noResponseNeeded(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend, policy: Self.engine())
        try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0, body: "Danke, alles angekommen!")])
        let id = try #require(try temp.store.queue(QueueQuery(now: minutes(0)), after: nil, limit: 1).first).id
        let settled = try temp.store.markNoResponseNeeded(ticketID: id, agent: "Li", now: minutes(26 * 60))
        #expect(settled.count == 2)
        #expect(settled.allSatisfy { $0.excused })
        // Settled after Amazon's 24 hours, and still not late: excused counts in no figure.
        #expect(settled.allSatisfy { $0.met })
        #expect(try temp.store.deadlineOutcomes(ticketID: id).allSatisfy(\.excused))
        #expect(try temp.store.queueCount(QueueQuery(view: .needsReply, now: minutes(26 * 60))) == 0)
        #expect(try temp.store.ticket(id: id)?.due == nil)
        // Nothing awaits a reply any more: a second mark settles nothing.
        #expect(try temp.store.markNoResponseNeeded(ticketID: id, agent: "Li", now: minutes(27 * 60)).isEmpty)
        // A new customer message starts a clock again.
        try temp.store.ingest([Fixture.message("m2", conversation: "c1", at: 28 * 60, body: "Noch eine Frage")])
        #expect(try temp.store.ticket(id: id)?.due == minutes(28 * 60 + 240))
    }

    @Test("A policy edit while a ticket is open moves its deadline from that moment; unchanged tickets are not rewritten", arguments: StoreBackend.allCases)
    func policyEdit(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend, policy: Self.engine(teamHours: 4, fingerprint: "four-hours"))
        try temp.store.ingest([
            Fixture.message("m1", conversation: "c1", at: 0),
            Fixture.message("m2", conversation: "c2", at: 10),
            Fixture.message("r2", conversation: "c2", direction: .outbound, at: 20),
        ])
        #expect(try temp.store.applyPolicyChangeIfNeeded() == nil)  // first run: records the policy
        let id = try #require(try temp.store.queue(QueueQuery(now: minutes(0)), after: nil, limit: 1).first).id
        #expect(try temp.store.ticket(id: id)?.due == minutes(240))

        let same = try temp.reopen(policy: Self.engine(teamHours: 4, fingerprint: "four-hours"))
        #expect(try same.applyPolicyChangeIfNeeded() == nil)

        let edited = try temp.reopen(policy: Self.engine(teamHours: 2, fingerprint: "two-hours"))
        // c1 moved; c2 was answered, runs no clock, and stays as it was.
        #expect(try edited.applyPolicyChangeIfNeeded() == 1)
        #expect(try edited.ticket(id: id)?.due == minutes(120))
        #expect(try edited.applyPolicyChangeIfNeeded() == nil)
    }

    @Test("Ticket kind, tags and segment from ingest reach the policy conditions", arguments: StoreBackend.allCases)
    func kindAndTags(_ backend: StoreBackend) throws {
        var engine = try SLAEngine(SLAConfiguration(
            layers: ["marketplace"],
            policies: [
                SLAPolicy(name: "returns", layer: "marketplace", conditions: PolicyConditions(kinds: [.returnRequest]),
                          targets: [.firstReply: .calendar(seconds: 48 * 3600)]),
                SLAPolicy(name: "vip", layer: "marketplace", conditions: PolicyConditions(tags: ["vip"]),
                          targets: [.firstReply: .calendar(seconds: 3600)]),
                SLAPolicy(name: "default", layer: "marketplace", targets: [.firstReply: .calendar(seconds: 24 * 3600)]),
            ],
            calendars: [:], teamCalendar: nil))
        engine.fingerprint = "k"
        let temp = try BackendStore(backend, policy: engine)
        var ret = Fixture.message("m1", conversation: "ret", at: 0)
        ret.kind = .returnRequest
        var vip = Fixture.message("m2", conversation: "vip", at: 0)
        vip.tags = ["vip"]
        try temp.store.ingest([ret, vip, Fixture.message("m3", conversation: "plain", at: 0)])
        let rows = try temp.store.queue(QueueQuery(now: minutes(0)), after: nil, limit: 5)
        #expect(rows.map(\.conversation) == ["vip", "plain", "ret"])
        #expect(rows.map { $0.due } == [minutes(60), minutes(24 * 60), minutes(48 * 60)])
    }

    @Test("Clocks survive the trip through the ticket row, whatever the policy's name holds", arguments: StoreBackend.allCases)
    func clockCoding(_ backend: StoreBackend) throws {
        let name = "say \"hi\" \\ back\u{1}slash 日本"
        let temp = try BackendStore(backend, policy: ChannelDeadlinePolicy(rules: [.init(name: name, replyMinutes: 90)]))
        try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0.5)])
        let clock = try #require(try temp.store.clocks(ticketID: 1).first)
        #expect(clock.policy == name)
        #expect(clock.started == minutes(0.5))
        #expect(clock.due == minutes(90.5))
        #expect(clock.target == 5400)
        #expect(clock.kind == .firstReply)
    }
}
