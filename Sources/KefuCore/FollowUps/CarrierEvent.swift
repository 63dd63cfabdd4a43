import Foundation

/// One thing a carrier said about a parcel (`kefu import events`): the tracking number, when,
/// the status word or code, and the carrier's own text (customer-visible, so sanitised on screen).
public struct CarrierEvent: Sendable, Hashable {
    public var trackingNumber: String
    public var at: Date
    public var status: CarrierEventStatus
    /// The code or word as the carrier gave it (`DLV`, `customs_hold`), kept for the record.
    public var code: String
    public var text: String

    public init(trackingNumber: String, at: Date, code: String, text: String = "") {
        self.trackingNumber = trackingNumber
        self.at = at
        self.code = code
        self.status = CarrierEventStatus.of(code: code, text: text)
        self.text = text
    }
}

/// What a carrier event means for a follow-up, read from its code or words (carriers spell
/// them differently: `DELIVERED`, `DLV`, `delivered`, `Zugestellt`, `livré`).
public enum CarrierEventStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case delivered
    /// Held at customs (duties unpaid, papers missing, inspection).
    case customsHold = "customs_hold"
    case inTransit = "in_transit"
    /// Failed delivery, returned, damaged, lost.
    case exception
    case other

    public static func of(code: String, text: String) -> CarrierEventStatus {
        let words = (code + " " + text).lowercased()
        func any(_ list: [String]) -> Bool { list.contains { words.contains($0) } }
        if any(["customs_hold", "customs hold", "held by customs", "held at customs", "zoll", "douane", "aduana", "dogana"]) ||
            (words.contains("customs") && any(["hold", "held", "duty", "duties", "inspection", "clearance delay"])) {
            return .customsHold
        }
        if any(["not delivered", "undeliverable", "failed", "return", "exception", "damaged", "lost"]) { return .exception }
        if any(["delivered", "dlv", "zugestellt", "livré", "livre", "entregado", "consegnato", "bezorgd", "配達完了"]) {
            return .delivered
        }
        if any(["transit", "departed", "arrived", "accepted", "picked up", "out for delivery", "processed", "customs cleared",
                "cleared"]) {
            return .inTransit
        }
        return .other
    }
}

/// Carrier events kept in the store.
public protocol CarrierEventImporting: AnyObject, Sendable {
    /// Stores the events (a repeat of one already stored is skipped), then works out the
    /// follow-ups that wait on parcels again. Returns how many events were new.
    func importCarrierEvents(_ events: [CarrierEvent], now: Date) throws -> Int
}
