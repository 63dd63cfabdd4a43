import Foundation

/// One buyer across channels: the mail they write from, the marketplace relay that speaks for
/// them and the orders they placed, tied together by `CustomerKey`s.
public struct Customer: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The name the buyer last gave (from a message or an order); for display only, never a key.
    public var displayName: String
    public var language: String?
    public var marketplaces: [Marketplace]
    public var keys: [CustomerKey]
    /// The named segment last derived (`SegmentRules`); nil before the first computation or
    /// for a customer without orders.
    public var segment: String?
    public var scores: RFMScores?
    /// When the customer asked for no more notices (`UnsubscribeRequest`); nil: they did not.
    public var optedOutAt: Date?

    public init(
        id: Int64, displayName: String, language: String?, marketplaces: [Marketplace], keys: [CustomerKey],
        segment: String? = nil, scores: RFMScores? = nil, optedOutAt: Date? = nil
    ) {
        self.optedOutAt = optedOutAt
        self.id = id
        self.displayName = displayName
        self.language = language
        self.marketplaces = marketplaces
        self.keys = keys
        self.segment = segment
        self.scores = scores
    }

    /// The customer's email addresses (their own and relays), for `kefu customers`.
    public var addresses: [String] { keys.filter { $0.kind == .email || $0.kind == .relay }.map(\.value) }
}

/// How `kefu customer show` and the CLI name a customer: `C12`.
public enum CustomerName {
    public static func of(_ id: Int64) -> String { "C\(id)" }

    /// `C12`, `c12` or `12`; nil for anything else.
    public static func id(parsing text: String) -> Int64? {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        if digits.first == "C" || digits.first == "c" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let id = Int64(digits), id > 0 else { return nil }
        return id
    }
}
