import Testing
import KefuCore

@Suite("Target durations as a team lead writes them")
struct SLADurationTests {
    @Test("Calendar, business-hour and business-day durations")
    func valid() {
        #expect(SLADuration(parsing: "24h") == .calendar(seconds: 86_400))
        #expect(SLADuration(parsing: "5d") == .calendar(seconds: 5 * 86_400))
        #expect(SLADuration(parsing: "1h30m") == .calendar(seconds: 5_400))
        #expect(SLADuration(parsing: "5m") == .calendar(seconds: 300))
        #expect(SLADuration(parsing: "4bh") == .businessTime(seconds: 14_400))
        #expect(SLADuration(parsing: "3bd") == .businessDays(3))
        #expect(SLADuration(parsing: "3bd")?.isBusiness == true)
        #expect(SLADuration(parsing: "24h")?.isBusiness == false)
    }

    @Test("Anything else is refused rather than guessed", arguments: ["24x", "", "h", "0h", "1.5h", "3bd4h", "4h4bh", "1h1h", "-2h", "24 hours"])
    func invalid(text: String) {
        #expect(SLADuration(parsing: text) == nil)
    }

    @Test("Durations print back in the same words")
    func spelling() {
        #expect(SLADuration.calendar(seconds: 86_400).description == "1d")
        #expect(SLADuration.calendar(seconds: 5_400).description == "1h30m")
        #expect(SLADuration.businessTime(seconds: 14_400).description == "4bh")
        #expect(SLADuration.businessDays(3).description == "3bd")
    }
}
