import Foundation
import KefuCore
import KefuResources

/// Tracking-number detection over the shipped carrier table. The result names the number it
/// read (spaces and dashes gone), detecting that number again gives the same answer, and a
/// number called valid passes its carrier's check.
enum TrackingNumberFuzz {
    static let detector: TrackingNumberDetector? = (try? CarrierTable.load(shipped: KefuResources.carriersFile)).map(TrackingNumberDetector.init(table:))

    static let target = FuzzTarget("tracking") { bytes throws(FuzzFailure) in
        guard let detector else { throw FuzzFailure("the shipped carrier table does not load") }
        let text = String(bytes.text.prefix(200))
        let result = detector.detect(text)
        try require(!result.number.contains(" "), "the number read still holds a space")
        let again = detector.detect(result.number)
        try require(again.number == result.number, "detecting the number read gives another number")
        try require(again.status == result.status, "detecting the number read gives another status")
        try require(again.carrier?.id == result.carrier?.id, "detecting the number read names another carrier")
    }
}
