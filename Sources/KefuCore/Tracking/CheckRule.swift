/// The check-digit algorithms Kefu knows, selected by name from the carrier table
/// (`"check": "ups-1z"`). The algorithms are code; which carrier uses which is data.
public enum CheckRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// Pattern-only schemes (YunExpress, Amazon Logistics, Cainiao, ...): no check digit.
    case none
    case upuS10 = "upu-s10"
    case ups1Z = "ups-1z"
    case fedex12 = "fedex-12"
    case fedex15 = "fedex-15"
    case fedex22 = "fedex-22"
    case uspsIMpb = "usps-impb"
    case usps20 = "usps-20"
    case dhlExpress = "dhl-express-mod7"
    case canadaPost16 = "canada-post-16"

    /// Runs the rule on a normalised number (`TrackingNumberNormalizer.normalize`).
    public func verify(_ normalizedNumber: String) -> CheckOutcome {
        var copy = normalizedNumber
        return copy.withUTF8 { verify($0) }
    }

    @inline(__always)
    func verify(_ number: UnsafeBufferPointer<UInt8>) -> CheckOutcome {
        switch self {
        case .none: .noCheckDigit
        case .upuS10: UPUS10CheckDigit.verify(number)
        case .ups1Z: UPSCheckDigit.verify(number)
        case .fedex12: FedExCheckDigit.verifyExpress12(number)
        case .fedex15: FedExCheckDigit.verifyGround15(number)
        case .fedex22: FedExCheckDigit.verifyGround22(number)
        case .uspsIMpb: USPSCheckDigit.verifyIMpb(number)
        case .usps20: USPSCheckDigit.verify20(number)
        case .dhlExpress: DHLExpressCheckDigit.verify(number)
        case .canadaPost16: CanadaPostCheckDigit.verify(number)
        }
    }
}
