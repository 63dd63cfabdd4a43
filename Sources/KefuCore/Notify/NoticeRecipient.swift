import Foundation

/// One person a notice is for, with what its template may name: an order (with its customer)
/// or a customer (with their latest order, when they have one). Read by the store in one go
/// for the whole selection.
public struct NoticeRecipient: Sendable, Hashable {
    /// What the notice is about, and so the last part of its conversation and idempotency key.
    public enum Key: Sendable, Hashable, CustomStringConvertible {
        case order(String)
        case customer(Int64)

        /// `114-1234567-1` for an order, `C12` for a customer.
        public var description: String {
            switch self {
            case .order(let id): id
            case .customer(let id): CustomerName.of(id)
            }
        }
    }

    public var key: Key
    public var customerID: Int64
    /// The name the buyer gave last (untrusted: sanitised before it is shown or filled in).
    public var name: String
    public var language: String?
    /// Where a reply reaches them: the address of their newest conversation, else the order's
    /// buyer email, else any address of theirs; empty when none is known.
    public var address: String
    public var marketplace: Marketplace
    /// The order the notice names: the selected one, or the customer's latest.
    public var orderID: String?
    /// The order's newest parcel, for the tracking fields.
    public var parcel: Parcel?
    /// When the customer asked for no more notices (an "unsubscribe" in a message).
    public var optedOutAt: Date?

    public init(
        key: Key, customerID: Int64, name: String, language: String?, address: String, marketplace: Marketplace,
        orderID: String?, parcel: Parcel?, optedOutAt: Date?
    ) {
        self.key = key
        self.customerID = customerID
        self.name = name
        self.language = language
        self.address = address
        self.marketplace = marketplace
        self.orderID = orderID
        self.parcel = parcel
        self.optedOutAt = optedOutAt
    }

    /// How the notice travels: the marketplace's messaging for marketplace orders, mail for
    /// the own store and anything else (the rule speak-first tickets follow too).
    public var channel: Channel {
        marketplace == .shopify || marketplace == .other ? .email : .marketplace
    }
}
