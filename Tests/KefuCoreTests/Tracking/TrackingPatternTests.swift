import Testing
@testable import KefuCore

struct TrackingPatternTests {
    @Test func classesCountsAndLiterals() throws {
        let s10 = try TrackingPattern("{L2}{D9}GB")
        #expect(s10.matches("RB123456785GB"))
        #expect(!s10.matches("RB123456785US"))
        #expect(!s10.matches("R1123456785GB"))
        #expect(!s10.matches("RB12345678GB"))
        #expect(s10.minimumLength == 13 && s10.maximumLength == 13)
    }

    @Test func rangesBacktrackSoALaterLiteralStillMatches() throws {
        let fourPX = try TrackingPattern("4PX{D10-16}CN")
        #expect(fourPX.matches("4PX3001234567890CN"))
        #expect(fourPX.matches("4PX1234567890CN"))
        #expect(!fourPX.matches("4PX123456789CN"))
        #expect(!fourPX.matches("4PX3001234567890"))
        let greedy = try TrackingPattern("{X2-6}{D2}")
        #expect(greedy.matches("AB1234"))
    }

    @Test func setsWithRangesAndCounts() throws {
        let impb = try TrackingPattern("9[2-5]{D18-20}")
        #expect(impb.matches("9400111206206406260787"))
        #expect(!impb.matches("9600111206206406260787"))
        let amazon = try TrackingPattern("TB[ACM]{D12}")
        #expect(amazon.matches("TBC123456789012"))
        #expect(!amazon.matches("TBX123456789012"))
        let repeated = try TrackingPattern("[A-C]{3}1")
        #expect(repeated.matches("CAB1"))
        #expect(!repeated.matches("CAD1"))
    }

    @Test func lowerCaseInThePatternMeansUpperCase() throws {
        #expect(try TrackingPattern("tba{D12}").matches("TBA123456789012"))
    }

    @Test(arguments: ["", "{D", "{Q3}", "{D0}", "{D5-2}", "[A-", "[]", "AB.C", "{3}", "{X65}"])
    func malformedPatternsAreRejected(source: String) {
        #expect(throws: TrackingPatternError.self) { try TrackingPattern(source) }
    }
}
