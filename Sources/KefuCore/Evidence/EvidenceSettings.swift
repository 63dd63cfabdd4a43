import Foundation

/// The team's evidence settings (the `evidence` section of the config file).
public struct EvidenceSettings: Sendable, Hashable {
    /// Files larger than this are refused. Marketplace dispute forms take a few megabytes per
    /// attachment; 50 MiB leaves room for a short packing video.
    public var sizeLimit: Int64
    /// Where the team publishes evidence files for buyers, if anywhere. `{sha256}` or `{id}` in
    /// it are replaced; without either, the file's SHA-256 is appended as the last path segment.
    /// Kefu only builds the links: copying the files there is the team's own publishing step.
    public var publicBaseURL: String?

    public static let defaultSizeLimit: Int64 = 50 * 1024 * 1024

    public init(sizeLimit: Int64 = EvidenceSettings.defaultSizeLimit, publicBaseURL: String? = nil) {
        self.sizeLimit = sizeLimit
        self.publicBaseURL = publicBaseURL
    }

    /// The link a buyer can open, or nil when no public base URL is configured.
    public func publicURL(id: String, sha256: String) -> String? {
        guard let base = publicBaseURL, !base.isEmpty else { return nil }
        if base.contains("{sha256}") || base.contains("{id}") {
            return base.replacingOccurrences(of: "{sha256}", with: sha256).replacingOccurrences(of: "{id}", with: id)
        }
        return (base.hasSuffix("/") ? base : base + "/") + sha256
    }
}
