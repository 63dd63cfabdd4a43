/// Why a sender looks like an impostor.
public enum SenderSignal: String, Sendable, Hashable, CaseIterable, Codable {
    /// The name or address claims a marketplace or brand ("Amazon Seller Support",
    /// `amazon-support@gmail.com`, `service@amazon-verify.co`) but the domain is not the brand's.
    case claimsBrand = "claims-brand"
    /// The receiving server's `Authentication-Results` say DMARC failed, or SPF or DKIM failed
    /// for a sender that claims a brand: the mail did not come from where it says.
    case authenticationFailed = "authentication-failed"

    public var explanation: String {
        switch self {
        case .claimsBrand: "the sender claims to be a marketplace or brand but writes from another domain"
        case .authenticationFailed: "the receiving mail server found the sender's domain was forged"
        }
    }
}

/// Checks who a message says it is from (issue 16, item 1, last part). Kefu does not verify
/// signatures itself: it reads what the receiving server wrote in `Authentication-Results`.
struct SenderSafety {
    let brands: [String]
    /// The brands by their first byte, for one pass over a sender's name and address.
    private let byFirstByte: [[[UInt8]]]

    init(brands: [String]) {
        self.brands = brands
        var table = Array(repeating: [[UInt8]](), count: 256)
        for brand in brands where !brand.isEmpty { table[Int(brand.utf8.first!)].append(Array(brand.utf8)) }
        byFirstByte = table
    }

    /// Whether `text` has a brand's letters anywhere (ASCII case folded): the cheap test that
    /// lets most senders skip the word-by-word look.
    private func spellsBrand(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for i in bytes.indices {
                for brand in byFirstByte[Int(Self.lower(bytes[i]))] where i + brand.count <= bytes.count {
                    var j = 1
                    while j < brand.count, Self.lower(bytes[i + j]) == brand[j] { j += 1 }
                    if j == brand.count { return true }
                }
            }
            return false
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }

    struct Finding {
        var signal: SenderSignal
        var detail: String
    }

    /// `from` as `Name <address>` or an address; `authenticationResults` the header values.
    func check(from: String, authenticationResults: [String]) -> [Finding] {
        let sender = MailAddress(parsing: from)
        let address = sender.address.lowercased()
        guard let at = address.lastIndex(of: "@") else { return [] }
        let domain = String(address[address.index(after: at)...])
        let local = String(address[..<at])
        let name = HostName(domain)
        let brandDomain = brands.contains(name.registeredLabel)
            || LinkSafetyLists.brandOwnedDomains.contains(name.registrableDomain)
        let failed = Self.failedMethods(authenticationResults)
        // The common cases, cheaply: the marketplace's own domain with no failed check, or a
        // name and address that spell no brand at all.
        if failed.isEmpty, brandDomain { return [] }
        var findings: [Finding] = []
        let claimed = spellsBrand(sender.name) || spellsBrand(address)
            ? claimedBrand(name: sender.name, local: local, domain: name) : nil
        if let claimed, !brandDomain {
            findings.append(Finding(
                signal: .claimsBrand,
                detail: "the sender calls itself \(claimed) but writes from \(name.registrableDomain)"))
        }
        if failed.contains("dmarc") || (!failed.isEmpty && (brandDomain || claimed != nil)) {
            findings.append(Finding(
                signal: .authenticationFailed,
                detail: "\(failed.sorted().joined(separator: ", ")) failed for \(domain): it did not come from \(domain)"))
        }
        return findings
    }

    /// A brand named by the display name (a whole word) or by the address (a word of the local
    /// part or of the domain), if any.
    private func claimedBrand(name: String, local: String, domain: HostName) -> String? {
        let nameWords = Set(name.lowercased().split { !$0.isLetter }.map(String.init))
        if let brand = brands.first(where: { nameWords.contains($0) }) { return "'\(brand)' in its name" }
        let words = Set((local + "." + domain.labels.dropLast().joined(separator: "."))
            .split { !$0.isLetter }.map(String.init))
        if let brand = brands.first(where: { $0.count >= 4 && words.contains($0) }) { return "'\(brand)' in its address" }
        return nil
    }

    /// The methods whose result is `fail` (also `softfail` for SPF, `permerror` for DMARC) in
    /// Authentication-Results (RFC 8601): `mx.example; spf=fail smtp.mailfrom=…; dkim=pass …`.
    static func failedMethods(_ headers: [String]) -> Set<String> {
        var failed: Set<String> = []
        for header in headers {
            for clause in header.lowercased().split(whereSeparator: { $0 == ";" || $0.isWhitespace }) {
                let parts = clause.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let method = String(parts[0]), result = parts[1]
                guard ["spf", "dkim", "dmarc"].contains(method) else { continue }
                if result == "fail" || (method == "spf" && result == "softfail") || (method == "dmarc" && result == "permerror") {
                    failed.insert(method)
                }
            }
        }
        return failed
    }
}
