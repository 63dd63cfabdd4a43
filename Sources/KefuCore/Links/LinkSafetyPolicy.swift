/// What the link checks protect and what they trust, so a team can name its own shop domains,
/// the hosts it knows are fine, and more brands (`safety:` in `kefu.yaml`).
///
///     var policy = LinkSafetyPolicy.standard
///     policy.ownDomains = ["shop-example.com"]          // shop-exarnple.com is now flagged
///     policy.allowedHosts = ["pay.shop-example.com"]     // never flagged
public struct LinkSafetyPolicy: Sendable, Hashable {
    /// Brand names phishing imitates: marketplaces, payment services, carriers.
    public var brands: [String]
    /// The team's own domains (its shop, its mail): lookalikes of them are flagged like a brand's.
    public var ownDomains: [String]
    /// Domains of sites whose lookalikes are flagged: the carriers' tracking hosts, for instance.
    public var protectedDomains: [String]
    /// Hosts never flagged, matched on the host or any domain above it (`example.com` allows
    /// `pay.example.com`).
    public var allowedHosts: Set<String>
    /// Shorter brand names are only matched by lookalike letters, not by one edited letter
    /// (`ups` is one letter from many words).
    public var editDistanceMinimumLength = 6

    public init(brands: [String], ownDomains: [String] = [], protectedDomains: [String] = [], allowedHosts: Set<String> = []) {
        self.brands = brands
        self.ownDomains = ownDomains
        self.protectedDomains = protectedDomains
        self.allowedHosts = allowedHosts
    }

    /// The shipped brand list, nothing of the team's own.
    public static let standard = LinkSafetyPolicy(brands: LinkSafetyLists.brands)

    /// Whether `host` is allowed by the team.
    public func allows(_ host: String) -> Bool {
        guard !allowedHosts.isEmpty else { return false }
        var candidate = Substring(host)
        while true {
            if allowedHosts.contains(String(candidate)) { return true }
            guard let dot = candidate.firstIndex(of: ".") else { return false }
            candidate = candidate[candidate.index(after: dot)...]
        }
    }

    /// The names a lookalike is compared with: each brand, and the registered label of each
    /// own or protected domain (`usps` for `tools.usps.com`), with the site it stands for.
    var protectedNames: [ProtectedName] {
        var names: [ProtectedName] = []
        var seen: Set<String> = []
        func add(_ label: String, site: String) {
            guard label.count >= 3, seen.insert(label).inserted else { return }
            names.append(ProtectedName(label: label, site: site, skeleton: ConfusableSkeleton.of(label)))
        }
        for brand in brands { add(brand.lowercased(), site: brand.lowercased()) }
        for domain in ownDomains + protectedDomains {
            let name = HostName(domain.lowercased())
            add(name.registeredLabel, site: name.registrableDomain)
        }
        return names
    }

    /// Registrable domains that are the team's own or protected (never a lookalike of themselves).
    var trustedDomains: Set<String> {
        Set((ownDomains + protectedDomains).map { HostName($0.lowercased()).registrableDomain })
    }
}

/// A name lookalikes are compared with, and its skeleton, worked out once.
struct ProtectedName: Sendable, Hashable {
    var label: String
    var site: String
    var skeleton: String
}
