/// Flags links that look like phishing (DOMAIN.md, "Untrusted text and links"). The same
/// check serves both directions: on a received message the console warns the agent; on an
/// outgoing reply every finding blocks sending, because a seller must never send a link that
/// looks like a fake marketplace mail.
///
///     LinkSafety.check("Log in at https://www.amazon.com@evil.example/")
///     // [LinkFinding(signal: .userinfoBeforeHost, host: "evil.example", ...)]
public enum LinkSafety {
    /// Every signal on every link in `text`, in text order.
    public static func check(_ text: String, policy: LinkSafetyPolicy = .standard) -> [LinkFinding] {
        let links = LinkExtractor.links(in: text)
        guard !links.isEmpty else { return [] }
        let lookalikes = LookalikeHost(policy: policy)
        return links.flatMap { findings(for: $0, policy: policy, lookalikes: lookalikes) }
    }

    /// The signals of one link.
    public static func findings(for link: FoundLink, policy: LinkSafetyPolicy = .standard) -> [LinkFinding] {
        findings(for: link, policy: policy, lookalikes: LookalikeHost(policy: policy))
    }

    static func findings(
        for link: FoundLink, policy: LinkSafetyPolicy, lookalikes: LookalikeHost, cache: HostVerdictCache? = nil
    ) -> [LinkFinding] {
        guard !link.host.isEmpty, !policy.allows(link.host) else { return [] }
        var findings: [LinkFinding] = []
        func flag(_ signal: LinkSignal, _ detail: String) {
            findings.append(LinkFinding(signal: signal, host: link.host, url: link.url, range: link.range, detail: detail))
        }
        if let userinfo = link.userinfo, !userinfo.isEmpty {
            flag(.userinfoBeforeHost, "'\(userinfo)@' hides the real host \(link.host)")
        }
        let verdict = cache?.verdict(for: link.host) { hostVerdict(link.host, policy: policy, lookalikes: lookalikes) }
            ?? hostVerdict(link.host, policy: policy, lookalikes: lookalikes)
        for (signal, detail) in verdict.signals { flag(signal, detail) }
        if let text = link.linkText, let named = namedSite(in: text, brands: policy.brands),
            !sameSite(named, as: HostName(link.host))
        {
            flag(.linkTextMismatch, "link text says \(named), goes to \(verdict.shown)")
        }
        if link.scheme == "http", let word = sensitiveWord(in: link.host + link.rest) {
            flag(.insecureSensitivePage, "'\(word)' page on \(link.host) over http, not https")
        }
        return findings.sorted { Self.order[$0.signal]! < Self.order[$1.signal]! }
    }

    private static let order: [LinkSignal: Int] = Dictionary(uniqueKeysWithValues: LinkSignal.allCases.enumerated().map { ($1, $0) })

    /// What the host alone says, the same for every link to it (so it can be cached).
    static func hostVerdict(_ host: String, policy: LinkSafetyPolicy, lookalikes: LookalikeHost) -> HostVerdict {
        let name = HostName(host)
        let shown = name.displayLabels.joined(separator: ".")
        var signals: [(LinkSignal, String)] = []
        if name.isNumeric {
            signals.append((.numericHost, "the host \(host) is a number, not a name"))
        }
        if name.hasPunycode {
            signals.append((.punycodeHost, "\(host) displays as \(shown)"))
        }
        if let label = name.mixedScriptLabel {
            signals.append((.mixedScriptHost, "'\(label)' in \(shown) mixes alphabets or uses lookalike letters"))
        }
        if !name.isNumeric, let match = lookalikes.match(name, displayLabels: name.displayLabels) {
            signals.append((.lookalikeHost, match.byLetters
                ? "\(shown) imitates \(match.name.site): '\(match.label)' looks like '\(match.name.label)'"
                : "\(shown) is one letter away from \(match.name.site)"))
        }
        if !name.isNumeric, let brand = borrowedBrand(in: name, brands: policy.brands) {
            signals.append((.brandOnUnrelatedDomain, "'\(brand)' appears in \(host), which belongs to \(name.registrableDomain)"))
        }
        if LinkSafetyLists.shorteners.contains(host) || LinkSafetyLists.shorteners.contains(name.registrableDomain) {
            signals.append((.shortener, "\(host) is a URL shortener"))
        }
        return HostVerdict(shown: shown, signals: signals)
    }

    /// A brand named in the subdomain, or inside a registered label that is not the brand's own
    /// (`paypal-login.example`).
    private static func borrowedBrand(in name: HostName, brands: [String]) -> String? {
        if LinkSafetyLists.brandOwnedDomains.contains(name.registrableDomain) { return nil }
        let registered = name.registeredLabel
        let subdomainTokens = Set(name.subdomainLabels.flatMap(tokens))
        let registeredTokens = Set(tokens(registered))
        for brand in brands where registered != brand {
            if subdomainTokens.contains(brand) || registeredTokens.contains(brand) { return brand }
            // Glued to other letters (`myamazon-support.co`): only names long and rare enough
            // not to sit inside ordinary words.
            if brand.count >= 5, !LinkSafetyLists.commonWordBrands.contains(brand), ByteSearch.contains(registered, brand) { return brand }
        }
        return nil
    }

    /// A host or brand named in link text (`www.amazon.com`, `PayPal`), if any.
    private static func namedSite(in text: String, brands: [String]) -> String? {
        let lower = text.lowercased()
        for word in lower.split(whereSeparator: { $0.isWhitespace || "<>()[]\"',;!?".contains($0) }) {
            var candidate = Substring(word)
            if let scheme = candidate.range(of: "://") { candidate = candidate[scheme.upperBound...] }
            candidate = candidate.prefix { !"/?#".contains($0) }
            while candidate.hasSuffix(".") || candidate.hasSuffix(":") { candidate = candidate.dropLast() }
            let labels = candidate.split(separator: ".")
            if labels.count >= 2, let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) {
                return String(candidate)
            }
        }
        let words = Set(lower.split { !$0.isLetter }.map(String.init))
        return brands.first { words.contains($0) }
    }

    /// Whether a site named in link text is the one the link goes to.
    private static func sameSite(_ named: String, as target: HostName) -> Bool {
        if named.contains(".") {
            let shown = HostName(named.hasPrefix("www.") ? String(named.dropFirst(4)) : named)
            return shown.registrableDomain == target.registrableDomain
        }
        return target.registeredLabel == named || LinkSafetyLists.brandOwnedDomains.contains(target.registrableDomain)
            && target.registrableDomain.contains(named)
    }

    private static func sensitiveWord(in text: String) -> String? {
        for token in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            for word in LinkSafetyLists.sensitiveWords where !word.contains("-") {
                if token == word || (word.count >= 5 && token.hasPrefix(word)) { return word }
            }
        }
        let lower = text.lowercased()
        return LinkSafetyLists.sensitiveWords.first { $0.contains("-") && lower.contains($0) }
    }

    private static func tokens(_ label: String) -> [String] {
        label.split { $0 == "-" || $0 == "_" || $0.isNumber }.map(String.init)
    }
}
