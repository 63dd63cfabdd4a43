import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@Suite("kefu parcel add")
struct ParcelCommandTests {
    static let order = OrderFixture.orderID

    func parcels(_ fixture: OrderFixture) throws -> [Parcel] {
        try SQLiteTicketStore(path: fixture.db, policy: TestPolicy.standard).order(id: Self.order)?.parcels ?? []
    }

    @Test("A valid number, typed with spaces and in lower case, is attached with the carrier its check digit proves")
    func valid() throws {
        let fixture = try OrderFixture()
        let result = try fixture.kefu(["parcel", "add", "--order", Self.order, "rb 1234 5678 5gb", "--shipped", "2026-11-20"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Attached RB123456785GB (Royal Mail) to order \(Self.order)"))
        #expect(result.output.contains("Track at: https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB"))
        let stored = try parcels(fixture)
        #expect(stored == [Parcel(trackingNumber: "RB123456785GB", carrier: "Royal Mail", shippedAt: RFC3339.parse("2026-11-20T00:00:00Z")!)])
        // Twice is not two parcels.
        let again = try fixture.kefu(["parcel", "add", "--order", Self.order, "RB123456785GB"])
        #expect(again.status == 0)
        #expect(try parcels(fixture).count == 1)
    }

    @Test("A wrong check digit is refused with the scheme it looked like; --carrier attaches it anyway")
    func invalid() throws {
        let fixture = try OrderFixture()
        let refused = try fixture.kefu(["parcel", "add", "--order", Self.order, "1Z5R89390357567128"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("1Z5R89390357567128 is invalid (UPS): it looks like UPS 1Z"), "\(refused.error)")
        #expect(refused.error.contains("Not attached; give --carrier NAME"))
        #expect(try parcels(fixture).isEmpty)

        let forced = try fixture.kefu(["parcel", "add", "--order", Self.order, "1Z5R89390357567128", "--carrier", "ups"])
        #expect(forced.status == 0)
        #expect(forced.error.contains("warning"))
        #expect(try parcels(fixture).map(\.carrier) == ["UPS"])
    }

    @Test("An unrecognised number needs --carrier; an unknown carrier links the universal tracker")
    func unknownCarrier() throws {
        let fixture = try OrderFixture()
        let refused = try fixture.kefu(["parcel", "add", "--order", Self.order, "ZX9988776655"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("ZX9988776655: no known carrier scheme matches; 17TRACK may still find it. Not attached; give --carrier NAME"))
        let forced = try fixture.kefu(["parcel", "add", "--order", Self.order, "ZX9988776655", "--carrier", "Hermes Germany", "--replaces", "rb123456785gb"])
        #expect(forced.status == 0)
        #expect(forced.output.contains("Track at: https://t.17track.net/en#nums=ZX9988776655"))
        let stored = try parcels(fixture)
        #expect(stored.first?.carrier == "Hermes Germany")
        #expect(stored.first?.replaces == "RB123456785GB")
    }

    @Test("Unknown order, malformed number and a bad date are refused and attach nothing")
    func errors() throws {
        let fixture = try OrderFixture()
        let noOrder = try fixture.kefu(["parcel", "add", "--order", "nope", "RB123456785GB"])
        #expect(noOrder.status == 1)
        #expect(noOrder.error.contains("no order 'nope' in the store"))
        let malformed = try fixture.kefu(["parcel", "add", "--order", Self.order, "RB-12"])
        #expect(malformed.status == 1)
        #expect(malformed.error.contains("'RB12' is not a tracking number: too short"))
        let badDate = try fixture.kefu(["parcel", "add", "--order", Self.order, "RB123456785GB", "--shipped", "yesterday"])
        #expect(badDate.status == 1)
        #expect(badDate.error.contains("--shipped 'yesterday' is not a date"))
        #expect(try parcels(fixture).isEmpty)
    }
}
