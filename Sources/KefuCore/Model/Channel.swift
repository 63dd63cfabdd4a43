/// How a conversation reaches the team. The reply deadline and the way a reply goes out depend on it.
public enum Channel: String, Codable, Sendable, CaseIterable, Hashable {
    case email
    case chat
    case marketplace
}

/// The marketplace a conversation belongs to; `other` covers anything not listed.
public enum Marketplace: String, Codable, Sendable, CaseIterable, Hashable {
    case amazon, ebay, aliexpress, walmart, etsy, shopee, shopify, other

    /// A short label for the queue's narrow channel column.
    public var shortLabel: String {
        switch self {
        case .amazon: "AMZ"
        case .ebay: "eBay"
        case .aliexpress: "AliX"
        case .walmart: "WMT"
        case .etsy: "Etsy"
        case .shopee: "Shpe"
        case .shopify: "Shop"
        case .other: "Othr"
        }
    }

    public var displayName: String {
        switch self {
        case .amazon: "Amazon"
        case .ebay: "eBay"
        case .aliexpress: "AliExpress"
        case .walmart: "Walmart"
        case .etsy: "Etsy"
        case .shopee: "Shopee"
        case .shopify: "Shopify"
        case .other: "Other"
        }
    }
}
