import Foundation
import Testing
@testable import KefuCore

@Suite("JSON Lines ingest parsing")
struct IngestParserTests {
    let good = #"{"id":"m1","conversation":"c1","channel":"marketplace","marketplace":"amazon","direction":"in","from":"Anna Müller <anna@example.de>","to":"shop@example.com","at":"2026-11-23T08:15:00Z","subject":"Wo ist mein Paket?","body":"Hallo","order":"114-1234567-1234567","language":"de"}"#

    @Test func parsesEveryField() throws {
        let record = try IngestParser.parse(line: Substring(good), number: 1).get()
        #expect(record.id == "m1")
        #expect(record.marketplace == .amazon)
        #expect(record.direction == .inbound)
        #expect(record.at == RFC3339.parse("2026-11-23T08:15:00Z"))
        #expect(record.customer.name == "Anna Müller")
        #expect(record.customer.address == "anna@example.de")
        #expect(record.order == "114-1234567-1234567")
        #expect(record.language == "de")
    }

    @Test("Each bad line says which line and what was wrong", arguments: [
        (#"not json"#, "not valid JSON"),
        (#"[1,2]"#, "expected a JSON object"),
        (#"{"conversation":"c","channel":"email","direction":"in","from":"a","at":"2026-11-23T08:15:00Z"}"#, "missing field 'id'"),
        (#"{"id":"x","conversation":"c","channel":"fax","direction":"in","from":"a","at":"2026-11-23T08:15:00Z"}"#, "field 'channel'"),
        (#"{"id":"x","conversation":"c","channel":"email","direction":"sideways","from":"a","at":"2026-11-23T08:15:00Z"}"#, "field 'direction'"),
        (#"{"id":"x","conversation":"c","channel":"email","direction":"in","from":"a","at":"yesterday"}"#, "field 'at'"),
        (#"{"id":"x","conversation":"c","channel":"email","direction":"in","from":"a","at":"2026-11-23T08:15:00Z","language":"german!"}"#, "field 'language'"),
        (#"{"id":5,"conversation":"c","channel":"email","direction":"in","from":"a","at":"2026-11-23T08:15:00Z"}"#, "field 'id' must be a string"),
    ])
    func badLines(line: String, reason: String) {
        switch IngestParser.parse(line: Substring(line), number: 7) {
        case .success: Issue.record("line was accepted: \(line)")
        case .failure(let error):
            #expect(error.line == 7)
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test func fractionalSecondsAndOffsets() {
        #expect(RFC3339.parse("2026-11-23T08:15:00.250Z") != nil)
        #expect(RFC3339.parse("2026-11-23T09:15:00+01:00") == RFC3339.parse("2026-11-23T08:15:00Z"))
        #expect(RFC3339.format(RFC3339.parse("2026-11-23T09:15:00+01:00")!) == "2026-11-23T08:15:00Z")
    }

    @Test func mailAddresses() {
        #expect(MailAddress(parsing: "\"Zoé Lefèvre\" <zoe@example.fr>") == MailAddress(name: "Zoé Lefèvre", address: "zoe@example.fr"))
        #expect(MailAddress(parsing: "buyer@example.com").name == "buyer")
        #expect(MailAddress(parsing: "佐藤 花子").name == "佐藤 花子")
    }
}
