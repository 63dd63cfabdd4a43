/// The `safety` section of `kefu.yaml`: what the scam checks protect and trust, and when
/// reports make a wave.
public struct SafetySettings: Sendable, Hashable {
    /// Brand names added to the shipped list (`LinkSafetyLists.brands`).
    public var extraBrands: [String] = []
    /// The shop's own domains (the `mail.from` domain is added by itself).
    public var ownDomains: [String] = []
    /// Hosts never flagged, with everything under them.
    public var allowedHosts: [String] = []
    public var wave = ScamWaveRule()

    public init() {}

    /// The link policy these settings give, with the protected domains the caller knows
    /// (the carriers' tracking hosts, the shop's mail domain).
    public func policy(protectedDomains: [String] = [], moreOwnDomains: [String] = []) -> LinkSafetyPolicy {
        var brands = LinkSafetyLists.brands
        for brand in extraBrands.map({ $0.lowercased() }) where !brands.contains(brand) { brands.append(brand) }
        return LinkSafetyPolicy(
            brands: brands, ownDomains: ownDomains + moreOwnDomains, protectedDomains: protectedDomains,
            allowedHosts: Set(allowedHosts.map { $0.lowercased() }))
    }
}
