/// A site that tracks parcels of many carriers, linked when Kefu does not recognise a number
/// (or recognises it but has no page for its carrier, e.g. many postal operators).
/// 17TRACK by default; the carrier table's `"universal"` entry replaces it.
public struct UniversalTracker: Sendable, Hashable {
    public var name: String
    public var url: TrackingURLTemplate

    public init(name: String, url: TrackingURLTemplate) {
        self.name = name
        self.url = url
    }

    public static let seventeenTrack = UniversalTracker(
        name: "17TRACK", url: TrackingURLTemplate(known: "https://t.17track.net/en#nums={n}"))
    public static let parcelsApp = UniversalTracker(
        name: "Parcelsapp", url: TrackingURLTemplate(known: "https://parcelsapp.com/en/tracking/{n}"))
}
