import Foundation
import Testing
@testable import KefuCore

/// The user's carrier table laid over the shipped one.
struct CarrierTableTests {
    func table(user json: String) throws -> CarrierTable {
        try CarrierTable(
            shipped: ShippedCarrierTable.file(),
            user: CarrierTableFile.parse(Data(json.utf8), file: "user/carriers.json"))
    }

    @Test func theShippedTableLoadsAndCoversEveryCheckRule() throws {
        let table = try CarrierTable(shipped: ShippedCarrierTable.file())
        let rules = Set(table.entries.map(\.check))
        #expect(rules == Set(CheckRule.allCases))
        #expect(table.universal == .seventeenTrack)
        #expect(Set(table.entries.map(\.id)).count == table.entries.count)
    }

    @Test func aUserEntryWithAShippedIdReplacesOnlyTheFieldsItGives() throws {
        let table = try table(user: #"{"carriers": [{"id": "ups", "url": "https://example.test/ups/{n}"}]}"#)
        let ups = try #require(table.entry(id: "ups"))
        #expect(ups.url?.template == "https://example.test/ups/{n}")
        #expect(ups.name == "UPS")
        #expect(ups.check == .ups1Z)
        let result = TrackingNumberDetector(table: table).detect("1Z5R89390357567127")
        #expect(result.trackingURL == "https://example.test/ups/1Z5R89390357567127")
    }

    @Test func aUserEntryCanReplaceAShippedEntryWhole() throws {
        let table = try table(user: #"""
            {"carriers": [{"id": "yunexpress", "name": "Yun", "scheme": "Yun 18", "patterns": ["YT{D18}"],
              "url": "https://example.test/yun?n={n}"}]}
            """#)
        let detector = TrackingNumberDetector(table: table)
        #expect(detector.detect("YT1234567890123456").status == .unrecognised)
        let result = detector.detect("YT123456789012345678")
        #expect(result.carrierName == "Yun")
        #expect(result.trackingURL == "https://example.test/yun?n=YT123456789012345678")
        #expect(table.entries.filter { $0.id == "yunexpress" }.count == 1)
    }

    @Test func aUserEntryWithANewIdIsAddedAfterTheShippedOnes() throws {
        let table = try table(user: #"""
            {"carriers": [{"id": "speedy", "name": "Speedy Courier", "patterns": ["SP{D10}"],
              "url": "https://speedy.example/track/{n}"}]}
            """#)
        #expect(table.entries.last?.id == "speedy")
        #expect(table.entries.last?.priority == CarrierTable.defaultPriority)
        let result = TrackingNumberDetector(table: table).detect("sp 1234567890")
        #expect(result.status == .valid)
        #expect(result.carrierName == "Speedy Courier")
        #expect(result.scheme == "Speedy Courier")
        #expect(result.trackingURL == "https://speedy.example/track/SP1234567890")
    }

    @Test func aNewPatternOnlyEntryCannotCaptureAMistypedKnownNumber() throws {
        let table = try table(user: #"{"carriers": [{"id": "any12", "name": "Local", "patterns": ["{D12}"]}]}"#)
        let detector = TrackingNumberDetector(table: table)
        #expect(detector.detect("986578788856").status == .invalid)
        #expect(detector.detect("986578788856").scheme == "FedEx 12-digit")
    }

    @Test func aUserCanSwitchAShippedSchemeOff() throws {
        let table = try table(user: #"{"carriers": [{"id": "dhl-express", "enabled": false}]}"#)
        let result = TrackingNumberDetector(table: table).detect("3318810026")
        #expect(result.status == .unrecognised)
    }

    @Test func aUserCanRemoveAShippedLinkSoTheUniversalTrackerIsUsed() throws {
        let table = try table(user: #"{"carriers": [{"id": "upu-gb", "url": null}]}"#)
        let result = TrackingNumberDetector(table: table).detect("RB123456785GB")
        #expect(result.carrierName == "Royal Mail")
        #expect(result.trackingURL == "https://t.17track.net/en#nums=RB123456785GB")
    }

    @Test func theUniversalTrackerIsConfigurable() throws {
        let table = try table(user: #"{"universal": {"name": "Parcelsapp", "url": "https://parcelsapp.com/en/tracking/{n}"}, "carriers": []}"#)
        #expect(table.universal == .parcelsApp)
        let result = TrackingNumberDetector(table: table).detect("ZX12345678")
        #expect(result.trackingURL == "https://parcelsapp.com/en/tracking/ZX12345678")
    }

    @Test(arguments: [
        (#"{"carriers": [{"id": "ups", "check": "luhn"}]}"#, "unknown check rule 'luhn'"),
        (#"{"carriers": [{"id": "ups", "patterns": ["1Z{Q15}"]}]}"#, "unknown class 'Q'"),
        (#"{"carriers": [{"id": "ups", "url": "https://www.ups.com/track"}]}"#, "has no {n}"),
        (#"{"carriers": [{"id": "ups", "url": "javascript:alert({n})"}]}"#, "must start with https://"),
        (#"{"carriers": [{"id": "new", "patterns": ["NW{D8}"]}]}"#, "missing field 'name'"),
        (#"{"carriers": [{"id": "new", "name": "New"}]}"#, "missing field 'patterns'"),
        (#"{"carriers": [{"id": "ups", "pattern": ["1Z{X16}"]}]}"#, "unknown field 'pattern'"),
        (#"{"carriers": [{"id": "a", "name": "A", "patterns": ["A{D8}"]}, {"id": "a", "name": "B", "patterns": ["B{D8}"]}]}"#,
         "appears twice"),
        (#"{"carriers": [{"name": "A"}]}"#, "'id'"),
    ])
    func aBrokenUserTableIsAClearErrorNamingFileAndCarrier(json: String, message: String) {
        do {
            _ = try table(user: json)
            Issue.record("accepted: \(json)")
        } catch let error as ConfigError {
            #expect(error.file == "user/carriers.json")
            #expect(error.message.contains(message), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func entriesAreTriedByPriorityThenFileOrder() throws {
        let file = try CarrierTableFile.parse(Data(#"""
            {"carriers": [
              {"id": "late", "name": "Late", "patterns": ["{D8}"], "priority": 5},
              {"id": "first", "name": "First", "patterns": ["{D8}"], "priority": 1},
              {"id": "tie", "name": "Tie", "patterns": ["{D8}"], "priority": 5}
            ]}
            """#.utf8), file: "t.json")
        let table = try CarrierTable(shipped: file)
        #expect(table.entries.map(\.id) == ["first", "late", "tie"])
        #expect(TrackingNumberDetector(table: table).detect("12345678").carrierName == "First")
    }
}
