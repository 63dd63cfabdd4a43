import KefuCore

/// Which marketplace relayed a message, from the sender's domain.
///
/// Marketplaces hide buyers behind relay addresses (`x7k2...@marketplace.amazon.de`,
/// `buyer@members.ebay.co.uk`). A domain counts only when the brand is followed by a known
/// public suffix, so `amazon.com.verify-order.example` is not Amazon.
public enum MarketplaceDetector {
    public static func marketplace(forDomain domain: String) -> Marketplace? {
        let labels = domain.lowercased().split(separator: ".").map(String.init)
        guard labels.count >= 2 else { return nil }
        for (brandIndex, label) in labels.enumerated() {
            guard let marketplace = brands[label] else { continue }
            let suffix = labels[(brandIndex + 1)...].joined(separator: ".")
            guard publicSuffixes.contains(suffix) else { continue }
            let subdomains = labels[..<brandIndex]
            if marketplace == .amazon {
                // Only the buyer-seller relay: order confirmations from amazon.* are not buyers.
                guard subdomains.last == "marketplace" else { return nil }
            }
            return marketplace
        }
        if labels.suffix(2) == ["myshopify", "com"] || labels.suffix(2) == ["shopify", "com"] { return .shopify }
        return nil
    }

    private static let brands: [String: Marketplace] = [
        "amazon": .amazon, "ebay": .ebay, "aliexpress": .aliexpress, "walmart": .walmart, "etsy": .etsy, "shopee": .shopee,
    ]

    /// The suffixes these marketplaces run their sites under.
    private static let publicSuffixes: Set<String> = [
        "com", "de", "co.uk", "fr", "it", "es", "nl", "se", "pl", "be", "com.be", "at", "ch", "ie", "ca", "com.mx",
        "com.br", "com.au", "co.jp", "jp", "in", "sg", "ae", "sa", "com.tr", "eg", "cn", "com.cn", "hk", "com.hk",
        "com.my", "co.th", "ph", "vn", "co.id", "tw", "com.tw", "cl", "com.co", "ru", "pt", "net", "us",
    ]
}
