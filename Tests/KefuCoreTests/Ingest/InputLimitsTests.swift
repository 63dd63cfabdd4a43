import Foundation
import Testing
@testable import KefuCore

/// Every field from outside has a bound; a JSON line over one is refused with the field and the
/// limit, so the producer can be fixed (README's input section names each limit).
struct InputLimitsTests {
    func line(_ extra: String, id: String = "m-1", at: String = "2026-11-23T08:15:00Z") -> Substring {
        Substring(#"{"id":"\#(id)","conversation":"c","channel":"email","direction":"in","from":"a@b.example","at":"\#(at)"\#(extra)}"#)
    }

    func reason(_ line: Substring) -> String? {
        if case .failure(let error) = IngestParser.parse(line: line, number: 3) { return error.description }
        return nil
    }

    @Test func aHundredThousandCharacterIdIsRefusedNamingTheLimit() {
        let text = reason(line("", id: String(repeating: "x", count: 100_000)))
        #expect(text == "line 3: field 'id' is 100000 bytes, over the limit of 998")
        #expect(reason(line("", id: String(repeating: "x", count: 998))) == nil)
    }

    @Test(arguments: [
        (#","subject":"\#(String(repeating: "s", count: 4097))""#, "field 'subject' is 4097 bytes, over the limit of 4096"),
        (#","order":"\#(String(repeating: "1", count: 201))""#, "field 'order' is 201 bytes, over the limit of 200"),
        (#","segment":"\#(String(repeating: "v", count: 101))""#, "field 'segment' is 101 bytes, over the limit of 100"),
        (#","tags":[\#((0..<51).map { "\"t\($0)\"" }.joined(separator: ","))]"#, "field 'tags' has 51 tags, over the limit of 50"),
        (#","tags":["\#(String(repeating: "t", count: 101))"]"#, "field 'tags': a tag is 101 bytes, over the limit of 100"),
    ])
    func fieldsOverTheirLimit(extra: String, expected: String) {
        #expect(reason(line(extra)) == "line 3: " + expected)
    }

    /// Found by fuzzing: year 26 was read by hand as proleptic Gregorian, written back by
    /// Foundation as Julian, so the time moved when it came back in.
    @Test func timesOutsideTheYears1970To9999AreRefused() {
        #expect(reason(line("", at: "0026-11-23T08:15:00Z")) == "line 3: field 'at': '0026-11-23T08:15:00Z' is outside the years 1970 to 9999")
        #expect(reason(line("", at: "1969-12-31T23:59:59Z")) != nil)
        #expect(reason(line("", at: "1970-01-01T00:00:00Z")) == nil)
    }

    @Test func cuttingNeverSplitsACharacter() {
        #expect(InputLimits.cut("aé日", toBytes: 5) == "aé")
        #expect(InputLimits.cut("aé日", toBytes: 6) == "aé日")
    }
}
