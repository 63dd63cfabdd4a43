import Foundation

/// The link a reply gives for a stored parcel. The parcel's number decides when its check digit
/// proves the carrier; a carrier the shop recorded by hand (`kefu parcel add --carrier`) decides
/// when it names an entry of the carrier table; anything else goes to the universal tracker, so
/// every parcel line in a reply still says where to check it.
public struct ParcelLinkResolver: Sendable {
    public let detector: TrackingNumberDetector

    public init(table: CarrierTable) {
        detector = TrackingNumberDetector(table: table)
    }

    public var table: CarrierTable { detector.table }

    public func link(for parcel: Parcel) -> ParcelLink {
        let result = detector.detect(parcel.trackingNumber)
        let recorded = parcel.carrier.trimmingCharacters(in: .whitespaces)
        if result.isValid, recorded.isEmpty || Self.same(recorded, result.carrier) {
            return ParcelLink(result)
        }
        if let entry = entry(named: recorded) {
            let site = entry.url ?? table.universal.url
            return ParcelLink(number: result.number, carrier: entry.name, url: site.url(for: result.number))
        }
        if result.isValid, case .passed = result.check {
            return ParcelLink(result)
        }
        let number = result.number.isEmpty ? parcel.trackingNumber : result.number
        return ParcelLink(
            number: number, carrier: recorded.isEmpty ? table.universal.name : recorded, url: table.universal.url.url(for: number))
    }

    public func links(for parcels: [Parcel]) -> [ParcelLink] {
        parcels.map(link(for:))
    }

    /// The table entry a hand-typed carrier means: its id (`upu-gb`) or its name (`Royal Mail`),
    /// in any case; among entries sharing a name, the first with a tracking page.
    public func entry(named text: String) -> CarrierEntry? {
        guard !text.isEmpty else { return nil }
        if let byID = table.entries.first(where: { $0.id.caseInsensitiveCompare(text) == .orderedSame }) { return byID }
        let named = table.entries.filter { $0.name.caseInsensitiveCompare(text) == .orderedSame }
        return named.first { $0.url != nil } ?? named.first
    }

    private static func same(_ recorded: String, _ entry: CarrierEntry?) -> Bool {
        guard let entry else { return false }
        return entry.name.caseInsensitiveCompare(recorded) == .orderedSame || entry.id.caseInsensitiveCompare(recorded) == .orderedSame
    }
}
