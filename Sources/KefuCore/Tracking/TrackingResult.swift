/// What Kefu can say about one tracking number from the number alone.
///
/// `RB123456785GB` → valid, Royal Mail, UPU S10, Royal Mail's tracking page.
/// `RB123456784GB` → invalid, looked like Royal Mail's UPU S10, no link.
/// `XQ99` → unrecognised, linked to the universal tracker (17TRACK by default).
public struct TrackingResult: Sendable, Hashable {
    /// The normalised number (upper case, no spaces or dashes): what links and replies show.
    public let number: String
    public let status: TrackingStatus
    /// The entry the number matched (valid) or looked like (invalid); nil otherwise.
    public let carrier: CarrierEntry?
    public let check: CheckOutcome
    /// The fallback site, kept so that `trackingURL` can be computed on demand (the detector
    /// does not build strings it may never need).
    public let universal: UniversalTracker

    public init(
        number: String, status: TrackingStatus, carrier: CarrierEntry?, check: CheckOutcome, universal: UniversalTracker
    ) {
        self.number = number
        self.status = status
        self.carrier = carrier
        self.check = check
        self.universal = universal
    }

    public var isValid: Bool { status == .valid }
    public var carrierName: String? { carrier?.name }
    public var scheme: String? { carrier?.scheme }

    /// The page where the buyer can check the parcel: the carrier's own, or the universal
    /// tracker when the carrier has none or the number is unrecognised. Never a link for an
    /// invalid or malformed number.
    public var trackingURL: String? {
        trackingSite?.url(for: number)
    }

    /// The name of the site `trackingURL` points to ("Royal Mail", "17TRACK").
    public var trackingSiteName: String? {
        switch status {
        case .valid: carrier?.url != nil ? carrier?.name : universal.name
        case .unrecognised: universal.name
        case .invalid, .malformed: nil
        }
    }

    private var trackingSite: TrackingURLTemplate? {
        switch status {
        case .valid: carrier?.url ?? universal.url
        case .unrecognised: universal.url
        case .invalid, .malformed: nil
        }
    }

    /// One sentence an agent can act on.
    public var reason: String {
        let scheme = carrier?.scheme ?? "?"
        switch status {
        case .valid:
            var text: String
            if case .passed = check {
                text = "the \(scheme) check digit is correct"
            } else {
                text = "matches the \(scheme) pattern (this scheme has no check digit)"
            }
            if let postal = postalDetails { text += "; \(postal)" }
            return text
        case .invalid:
            guard case .failed(let expected, let found) = check else { return "fails the \(scheme) check" }
            return "looks like \(scheme), but the check digit is \(Character(Unicode.Scalar(found))) where "
                + "\(Character(Unicode.Scalar(expected))) was expected: probably mistyped, ask for the number again"
        case .unrecognised:
            return "no known carrier scheme matches; \(universal.name) may still find it"
        case .malformed:
            if number.isEmpty { return "no tracking number given" }
            if number.count < TrackingNumberNormalizer.minimumLength {
                return "too short for a tracking number (fewer than \(TrackingNumberNormalizer.minimumLength) characters)"
            }
            if number.utf8.count > TrackingNumberNormalizer.maximumLength {
                return "longer than any tracking number (\(TrackingNumberNormalizer.maximumLength) characters)"
            }
            return "contains characters other than letters and digits"
        }
    }

    /// For UPU S10 numbers: the kind of item and the country of the operator that issued it.
    public var postalDetails: String? {
        guard carrier?.check == .upuS10, number.utf8.count == 13, let first = number.first else { return nil }
        let kind = UPUServiceIndicator.describe(first) ?? "item"
        return "\(kind) from \(number.suffix(2))"
    }
}
