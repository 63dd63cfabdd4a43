import Foundation
import KefuCore

/// Reads the proof of an order for the thread pane: parcel links from the carrier table (with
/// the user's overrides) and the evidence locker's records with their public links.
public struct ProofLoader: Sendable {
    public var resolver: ParcelLinkResolver
    public var evidence: (any EvidenceLocker)?
    public var settings: EvidenceSettings

    public init(carriers: CarrierTable, evidence: (any EvidenceLocker)?, settings: EvidenceSettings = EvidenceSettings()) {
        resolver = ParcelLinkResolver(table: carriers)
        self.evidence = evidence
        self.settings = settings
    }

    public func proof(for order: Order?) throws -> ThreadProof {
        guard let order else { return ThreadProof() }
        let records = try evidence?.evidence(orderID: order.id) ?? []
        return ThreadProof(
            parcels: resolver.links(for: order.parcels),
            evidence: records.map { EvidenceReference($0, settings: settings) })
    }
}
