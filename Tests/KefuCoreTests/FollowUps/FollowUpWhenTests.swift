import Foundation
import Testing
import KefuCore

/// `F`'s phrasings, read on a Berlin agent's clock at Monday 7 December 2026, 10:00.
@Suite("Follow-up times as the agent types them")
struct FollowUpWhenTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    /// 2026-12-07T09:00:00Z, 10:00 in Berlin.
    static let now = Date(timeIntervalSince1970: 1_796_634_000)

    func parse(_ text: String) throws -> FollowUpWhen { try FollowUpWhen.parse(text, now: Self.now, timeZone: Self.berlin) }

    func at(_ text: String) throws -> Date {
        guard case .at(let date) = try parse(text) else { Issue.record("\(text) is not a time"); return .distantPast }
        return date
    }

    @Test("Durations: in 3 days, 3d, in 2 weeks, 5 hours, 1 week 2 days")
    func durations() throws {
        #expect(try at("in 3 days") == Self.now.addingTimeInterval(3 * 86_400))
        #expect(try at("3d") == Self.now.addingTimeInterval(3 * 86_400))
        #expect(try at("In 2 Weeks") == Self.now.addingTimeInterval(14 * 86_400))
        #expect(try at("in 5 hours") == Self.now.addingTimeInterval(5 * 3600))
        #expect(try at("1 week 2 days") == Self.now.addingTimeInterval(9 * 86_400))
        #expect(try at("2h30m") == Self.now.addingTimeInterval(2.5 * 3600))
    }

    @Test("Dates: on 2026-12-10 is 09:00 that day on the agent's clock; a time may follow")
    func dates() throws {
        #expect(RFC3339.format(try at("on 2026-12-10")) == "2026-12-10T08:00:00Z")
        #expect(RFC3339.format(try at("2026-12-10")) == "2026-12-10T08:00:00Z")
        #expect(RFC3339.format(try at("on 2026-12-10 14:30")) == "2026-12-10T13:30:00Z")
        // Summer time in Berlin: 09:00 is 07:00 UTC.
        #expect(RFC3339.format(try at("2027-07-01")) == "2027-07-01T07:00:00Z")
    }

    @Test("The snooze phrasings work here too: tomorrow 9, 14:00")
    func snoozePhrasings() throws {
        #expect(RFC3339.format(try at("tomorrow 9")) == "2026-12-08T08:00:00Z")
        #expect(RFC3339.format(try at("14:00")) == "2026-12-07T13:00:00Z")
    }

    @Test("Parcel conditions: when the parcel is delivered, if tracking is silent for N days")
    func parcelConditions() throws {
        #expect(try parse("when the parcel is delivered") == .parcelDelivered)
        #expect(try parse("Delivered") == .parcelDelivered)
        #expect(try parse("if tracking is silent for 5 days") == .trackingSilent(days: 5))
        #expect(try parse("silent 5d") == .trackingSilent(days: 5))
        #expect(try parse("if tracking is silent for 2 weeks") == .trackingSilent(days: 14))
    }

    @Test("Bad input says what was not understood and what would be",
          arguments: [
            ("", "no time given"), ("someday", "someday"), ("on 2026-02-30", "is not a date"), ("2026-12-01", "not in the future"),
            ("in 3 fortnights", "not a unit"), ("silent", "how many days"), ("silent 400 days", "1 to 365"),
            ("2026-12-10 25:00", "not a time of day"),
          ])
    func badInput(_ input: String, _ expected: String) throws {
        do {
            _ = try parse(input)
            Issue.record("“\(input)” was accepted")
        } catch let error as FollowUpWhen.ParseError {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.contains("try in 3 days"))
        }
    }
}
