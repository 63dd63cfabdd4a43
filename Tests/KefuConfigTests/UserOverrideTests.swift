import Foundation
import Testing
import KefuConfig
import KefuCore

/// The user's config changes the shipped policies and calendars by name.
@Suite("User config over the shipped defaults")
struct UserOverrideTests {
    let shanghai = "Asia/Shanghai"
    var monday: Date { local("2026-03-02 10:00", "Asia/Shanghai") }

    @Test("A policy with a shipped name replaces it where it stands in the order")
    func replaceByName() throws {
        let engine = try configuration(user: """
            sla:
              policies:
                - name: amazon-messages
                  layer: marketplace
                  when: {marketplace: amazon}
                  targets: {first_reply: 12h, next_reply: 12h}
            """).deadlinePolicy()
        let message = engine.clocks(for: facts(.amazon, since: monday)).first { $0.policy == "amazon-messages" }
        #expect(message?.due == monday.addingTimeInterval(12 * 3600))
        // Still after amazon-returns: a return keeps its 48 h.
        #expect(engine.policy(for: facts(.amazon, kind: .returnRequest, since: monday), inLayer: "marketplace")?.name == "amazon-returns")
    }

    @Test("A new policy is tried before the shipped ones of its layer")
    func newPolicyFirst() throws {
        let engine = try configuration(user: """
            sla:
              policies:
                - name: vip-team
                  layer: team
                  when: {tags: vip}
                  targets: {first_reply: 1bh}
            """).deadlinePolicy()
        let vip = engine.clocks(for: facts(.amazon, since: monday, tags: ["vip"])).first { $0.policy == "vip-team" }
        #expect(vip?.due == local("2026-03-02 11:00", shanghai))
        #expect(engine.policy(for: facts(.amazon, since: monday), inLayer: "team")?.name == "team-first-answer")
    }

    @Test("disabled: true removes a shipped policy")
    func disable() throws {
        let engine = try configuration(user: """
            sla:
              policies:
                - name: team-first-answer
                  disabled: true
            """).deadlinePolicy()
        #expect(engine.clocks(for: facts(.amazon, since: monday)).map(\.policy) == ["amazon-messages"])
    }

    @Test("A company holiday list and a promotion Saturday added to the team calendar")
    func calendarOverride() throws {
        let config = try configuration(user: """
            sla:
              holidays:
                company:
                  closed: [2026-03-03]
              calendars:
                china-team:
                  time_zone: Asia/Shanghai
                  hours:
                    mon-fri: ["09:00-12:00", "13:30-18:00"]
                  holidays: [china-2026, company]
                  overrides:
                    2026-11-07: ["10:00-16:00"]
            """)
        let calendar = try #require(config.sla.calendars["china-team"])
        #expect(calendar.hours(on: CivilDate(parsing: "2026-03-03")!).isEmpty)
        #expect(calendar.hours(on: CivilDate(parsing: "2026-02-18")!).isEmpty)
        #expect(calendar.hours(on: CivilDate(parsing: "2026-11-07")!) == [WorkingRange(parsing: "10:00-16:00")!])
        // Monday 17:00 + 4 bh: 1 h Monday, Tuesday closed, 3 h Wednesday.
        let team = try config.deadlinePolicy().clocks(for: facts(.amazon, since: local("2026-03-02 17:00", shanghai)))
            .first { $0.policy == "team-first-answer" }
        #expect(team?.due == local("2026-03-04 12:00", shanghai))
    }

    @Test("explain reads the merged configuration")
    func explain() throws {
        let engine = try configuration().deadlinePolicy()
        let text = engine.explain(facts(.walmart, since: monday)).description
        #expect(text.contains("layer marketplace: walmart (marketplace is walmart)"))
        #expect(text.contains("Walmart Marketplace, 48 hours"))
        #expect(text.contains("passed over: amazon-messages (marketplace is walmart, not amazon)"))
        #expect(text.contains("layer team: team-first-answer"))
    }
}
