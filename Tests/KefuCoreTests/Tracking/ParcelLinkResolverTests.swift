import Foundation
import Testing
import KefuCore

/// Which link a stored parcel gets in a reply.
struct ParcelLinkResolverTests {
    let resolver = ParcelLinkResolver(table: try! CarrierTable(shipped: ShippedCarrierTable.file()))
    let shipped = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func aValidNumberLinksItsCarriersPage() {
        let link = resolver.link(for: Parcel(trackingNumber: "RB123456785GB", carrier: "Royal Mail", shippedAt: shipped))
        #expect(link == ParcelLink(number: "RB123456785GB", carrier: "Royal Mail",
                                   url: "https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB"))
    }

    @Test func aCarrierRecordedByHandWinsOverAPatternOnlyGuess() {
        // Pattern-only DHL eCommerce shape, but the shop recorded La Poste (a table name).
        let link = resolver.link(for: Parcel(trackingNumber: "RB123456784GB", carrier: "upu-fr", shippedAt: shipped))
        #expect(link.carrier == "La Poste / Colissimo")
        #expect(link.url == "https://www.laposte.fr/outils/suivre-vos-envois?code=RB123456784GB")
    }

    @Test func anUnknownCarrierFallsBackToTheUniversalTracker() {
        let link = resolver.link(for: Parcel(trackingNumber: "zx 9988 776655", carrier: "Hermes Germany", shippedAt: shipped))
        #expect(link == ParcelLink(number: "ZX9988776655", carrier: "Hermes Germany", url: "https://t.17track.net/en#nums=ZX9988776655"))
    }

    @Test func aUserOverrideChangesTheLink() throws {
        let table = try CarrierTable(
            shipped: ShippedCarrierTable.file(),
            user: CarrierTableFile.parse(Data(#"{"carriers": [{"id": "ups", "url": "https://track.example/ups/{n}"}]}"#.utf8), file: "c.json"))
        let link = ParcelLinkResolver(table: table).link(for: Parcel(trackingNumber: "1Z5R89390357567127", carrier: "UPS", shippedAt: shipped))
        #expect(link.url == "https://track.example/ups/1Z5R89390357567127")
    }
}
