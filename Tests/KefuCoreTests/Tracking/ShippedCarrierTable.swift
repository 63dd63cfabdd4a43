import Foundation
import KefuCore
import KefuResources

/// The carrier table as shipped in `Resources/carriers.json`, loaded the way the app loads it.
enum ShippedCarrierTable {
    /// `carriers.json` is copied into the same resource folder as `sla.yaml`.
    static var url: URL {
        KefuResources.carriersFile
    }

    static func file() throws -> CarrierTableFile {
        try CarrierTableFile.load(from: url)
    }

    static func detector() throws -> TrackingNumberDetector {
        TrackingNumberDetector(table: try CarrierTable(shipped: file()))
    }
}

/// Every variant of `number` with one digit at `positions` changed (d → d+1 mod 10): the typo
/// a check digit exists to catch.
func oneDigitTypos(of number: String, at positions: Range<Int>) -> [String] {
    let characters = Array(number)
    return positions.compactMap { position in
        guard let digit = characters[position].wholeNumberValue else { return nil }
        var changed = characters
        changed[position] = Character(String((digit + 1) % 10))
        return String(changed)
    }
}
