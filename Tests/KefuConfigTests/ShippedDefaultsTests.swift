import Foundation
import Testing
import KefuConfig
import KefuCore

@Suite("The shipped sla.yaml")
struct ShippedDefaultsTests {
    let shanghai = "Asia/Shanghai"
    /// Monday 2 March 2026, 10:00 in Shanghai (02:00 UTC).
    var monday: Date { local("2026-03-02 10:00", shanghai) }

    func marketplaceClock(_ facts: ConversationFacts) throws -> ReplyClock? {
        let engine = try configuration().deadlinePolicy()
        let policy = engine.policy(for: facts, inLayer: "marketplace")?.name
        return engine.clocks(for: facts).first { $0.policy == policy }
    }

    @Test("Calendar-hour marketplace targets from DOMAIN.md", arguments: [
        (Marketplace.amazon, Channel.marketplace, TicketKind.message, "amazon-messages", 24.0),
        (.amazon, .marketplace, .returnRequest, "amazon-returns", 48),
        (.walmart, .marketplace, .message, "walmart", 48),
        (.etsy, .marketplace, .message, "etsy", 24),
        (.shopee, .marketplace, .message, "shopee", 12),
        (.aliexpress, .marketplace, .refundRequest, "aliexpress-refunds", 120),
        (.shopify, .chat, .message, "live-chat", 5.0 / 60),
        (.other, .email, .message, "default", 24),
    ])
    func calendarTargets(marketplace: Marketplace, channel: Channel, kind: TicketKind, policy: String, hours: Double) throws {
        let clock = try #require(try marketplaceClock(facts(marketplace, channel, kind: kind, since: monday)))
        #expect(clock.policy == policy)
        #expect(clock.kind == .firstReply)
        #expect(clock.business == false)
        #expect(clock.due == monday.addingTimeInterval(hours * 3600))
    }

    @Test("eBay returns and item-not-received: 3 business days, Pacific time")
    func ebay() throws {
        // Friday 6 March 2026, 10:00 in Los Angeles: Mon, Tue, Wed; due at Wednesday's end.
        let clock = try #require(try marketplaceClock(facts(.ebay, kind: .itemNotReceived, since: local("2026-03-06 10:00", "America/Los_Angeles"))))
        #expect(clock.policy == "ebay-returns")
        #expect(clock.business)
        #expect(clock.due == local("2026-03-12 00:00", "America/Los_Angeles"))
    }

    @Test("Own-store email: by the close of the next business day in China")
    func ownStoreEmail() throws {
        // Friday 6 March → close of Monday 9 March, 18:00 Shanghai.
        let clock = try #require(try marketplaceClock(facts(.shopify, .email, since: local("2026-03-06 15:00", shanghai))))
        #expect(clock.policy == "own-store-email")
        #expect(clock.due == local("2026-03-09 18:00", shanghai))
        // Wednesday 30 Sep 2026, before Golden Week: the next business day is Thursday 8 October.
        let golden = try #require(try marketplaceClock(facts(.shopify, .email, since: local("2026-09-30 15:00", shanghai))))
        #expect(golden.due == local("2026-10-08 18:00", shanghai))
        // Friday 13 Feb 2026: the next business day is the make-up Saturday 14 Feb (调休).
        let makeUp = try #require(try marketplaceClock(facts(.shopify, .email, since: local("2026-02-13 15:00", shanghai))))
        #expect(makeUp.due == local("2026-02-14 18:00", shanghai))
    }

    @Test("Every conversation also runs the team's 4 business hours, which holds pause")
    func teamTarget() throws {
        let engine = try configuration().deadlinePolicy()
        let clocks = engine.clocks(for: facts(.amazon, since: monday))
        let team = try #require(clocks.first { $0.policy == "team-first-answer" })
        #expect(team.due == local("2026-03-02 15:30", shanghai))
        #expect(clocks.nearest?.policy == "team-first-answer")
        #expect(try configuration().sla.policies.first { $0.name == "team-first-answer" }?.pausesOn == [.waitingOnCustomer, .onHold])
    }

    @Test("China holidays: Spring Festival and Golden Week closed, make-up days worked")
    func chinaHolidays() throws {
        let calendar = try #require(try configuration().sla.calendars["china-team"])
        for closed in ["2026-01-01", "2026-02-16", "2026-02-23", "2026-04-06", "2026-05-05", "2026-06-19", "2026-09-25",
                       "2026-10-01", "2026-10-07", "2027-02-08", "2027-10-04"] {
            #expect(calendar.hours(on: CivilDate(parsing: closed)!).isEmpty, "\(closed) should be closed")
        }
        for worked in ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10", "2026-03-02"] {
            #expect(calendar.hours(on: CivilDate(parsing: worked)!).count == 2, "\(worked) should be a working day")
        }
        #expect(calendar.hours(on: CivilDate(parsing: "2026-03-07")!).isEmpty)
    }

    @Test("Loading from files: a missing user file leaves the defaults")
    func loadFromFiles() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/kefu.yaml")
        let loaded = try KefuConfiguration.load(shippedSLA: shippedSLAFile, user: missing)
        #expect(loaded.sla.policies.map(\.name) == (try configuration()).sla.policies.map(\.name))
        #expect(loaded.sla.layers == ["marketplace", "team"])
    }
}
