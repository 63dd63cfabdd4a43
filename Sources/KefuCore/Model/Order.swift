import Foundation

/// A marketplace or shop order, with what was bought and how it travels.
public struct Order: Sendable, Hashable {
    public var id: String
    public var marketplace: Marketplace
    public var customerName: String
    public var placedAt: Date
    public var total: Decimal
    public var currency: String
    public var items: [OrderItem]
    /// Newest first: a parcel that replaced another at a hand-off comes before it.
    public var parcels: [Parcel]
    /// Where it goes, when the report gives it (follow-up rules check it looks complete).
    public var shippingAddress: ShippingAddress?
    /// The latest day the seller promised to ship by, when the report gives it.
    public var shipBy: Date?
    /// When it actually left, when the report gives it (else the first parcel's time).
    public var shippedAt: Date?

    public init(
        id: String, marketplace: Marketplace, customerName: String, placedAt: Date, total: Decimal,
        currency: String, items: [OrderItem], parcels: [Parcel]
    ) {
        self.id = id
        self.marketplace = marketplace
        self.customerName = customerName
        self.placedAt = placedAt
        self.total = total
        self.currency = currency
        self.items = items
        self.parcels = parcels
    }
}

public struct OrderItem: Sendable, Hashable {
    public var sku: String
    public var title: String
    public var quantity: Int

    public init(sku: String, title: String, quantity: Int) {
        self.sku = sku
        self.title = title
        self.quantity = quantity
    }
}

/// One tracked shipment. Numbers change at hand-offs (line-haul to last-mile post):
/// `replaces` names the earlier number this one took over from.
public struct Parcel: Sendable, Hashable {
    public var trackingNumber: String
    public var carrier: String
    public var shippedAt: Date
    public var replaces: String?

    public init(trackingNumber: String, carrier: String, shippedAt: Date, replaces: String? = nil) {
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.shippedAt = shippedAt
        self.replaces = replaces
    }
}
