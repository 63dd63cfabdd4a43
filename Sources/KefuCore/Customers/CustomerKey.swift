import Foundation

/// Something that identifies one buyer for certain, so two records holding it are one customer:
/// an email address (the buyer's own, or a marketplace's relay address such as
/// `…@marketplace.amazon.de`, which stands for one buyer), a marketplace buyer id, or an order
/// id. A name is never a key: two "Anna Müller"s are two people until an address or an order
/// says otherwise.
///
///     CustomerKey.email("Anna@Example.DE")   // "email:anna@example.de"
///     CustomerKey.order("114-1234567-1")     // "order:114-1234567-1"
public struct CustomerKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case email
        /// A marketplace's relay address: one buyer, but only reachable through the marketplace.
        case relay
        case buyer
        case order
        /// A conversation with no address at all (a chat with a name only): a customer of its own.
        case conversation
    }

    public var kind: Kind
    /// Normalised (lower case, trimmed): equal values are the same buyer.
    public var value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The stored form, `kind:value`; relay and email share the `email:` space, since they are
    /// both addresses a message can come from.
    public var stored: String { "\(kind == .relay ? "email" : kind.rawValue):\(value)" }
    public var description: String { stored }

    public static func < (lhs: CustomerKey, rhs: CustomerKey) -> Bool { lhs.stored < rhs.stored }

    /// The key of an address, or nil when it is not an address (no `@`, spaces inside).
    public static func email(_ address: String) -> CustomerKey? {
        let value = address.trimmingCharacters(in: .whitespaces).lowercased()
        guard let at = value.firstIndex(of: "@"), at != value.startIndex, value.index(after: at) != value.endIndex,
              !value.contains(where: { $0 == " " || $0 == "<" || $0 == ">" }) else { return nil }
        let domain = value[value.index(after: at)...]
        let relay = relayDomains.contains { domain == $0 || domain.hasSuffix("." + $0) || domain.hasPrefix($0 + ".") }
        return CustomerKey(kind: relay ? .relay : .email, value: value)
    }

    public static func order(_ id: String) -> CustomerKey? {
        let value = id.trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : CustomerKey(kind: .order, value: value)
    }

    /// A marketplace's own buyer id (an order report's `buyer_id` column), scoped by marketplace.
    public static func buyer(_ id: String, marketplace: Marketplace) -> CustomerKey? {
        let value = id.trimmingCharacters(in: .whitespaces).lowercased()
        return value.isEmpty ? nil : CustomerKey(kind: .buyer, value: "\(marketplace.rawValue):\(value)")
    }

    public static func conversation(_ key: String) -> CustomerKey { CustomerKey(kind: .conversation, value: key) }

    /// Reads a stored key back.
    public init?(stored: String) {
        guard let colon = stored.firstIndex(of: ":"), let kind = Kind(rawValue: String(stored[..<colon])) else { return nil }
        let value = String(stored[stored.index(after: colon)...])
        if kind == .email, let parsed = Self.email(value) { self = parsed; return }
        self.init(kind: kind, value: value)
    }

    /// Domains of marketplace buyer-seller relays (`marketplace.amazon.de`, `members.ebay.co.uk`).
    static let relayDomains = ["marketplace.amazon", "members.ebay", "messaging.walmart", "relay.etsy"]
}

/// The keys of one conversation: its customer's address (or, with none, the conversation
/// itself) and the order its messages named. The name never counts.
public enum CustomerKeys {
    public static func ofTicket(address: String, conversation: String, namedOrder: String?) -> [CustomerKey] {
        var keys = [CustomerKey.email(address) ?? .conversation(conversation)]
        if let order = namedOrder.flatMap(CustomerKey.order) { keys.append(order) }
        return keys
    }

    /// An order's keys: its id, and the buyer's email or marketplace id when the report gave one.
    public static func ofOrder(id: String, marketplace: Marketplace, buyerEmail: String?, buyerID: String? = nil) -> [CustomerKey] {
        var keys: [CustomerKey] = []
        if let order = CustomerKey.order(id) { keys.append(order) }
        if let email = buyerEmail.flatMap(CustomerKey.email) { keys.append(email) }
        if let buyer = buyerID.flatMap({ CustomerKey.buyer($0, marketplace: marketplace) }) { keys.append(buyer) }
        return keys
    }
}
