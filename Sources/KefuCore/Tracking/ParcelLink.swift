/// What a reply says about one parcel: its number, who carries it, where to check it.
/// Built from a detection, or by hand for a parcel whose carrier the shop knows better (a
/// `kefu parcel add --carrier` entry).
public struct ParcelLink: Sendable, Hashable {
    public var number: String
    public var carrier: String?
    /// Nil for a number that failed its check: a reply must not send the buyer to a page that
    /// will say "not found".
    public var url: String?

    public init(number: String, carrier: String?, url: String?) {
        self.number = number
        self.carrier = carrier
        self.url = url
    }

    /// From a detection: the carrier's name when known (for an unrecognised number, the site
    /// that will look it up, so the line still says where the link goes).
    public init(_ result: TrackingResult) {
        self.init(number: result.number, carrier: result.carrierName ?? result.trackingSiteName, url: result.trackingURL)
    }
}
