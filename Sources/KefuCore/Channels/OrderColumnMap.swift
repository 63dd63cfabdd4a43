/// How to read a CSV order report that is neither Amazon's nor Shopify's: which column holds
/// which field. Given by the user in the config file (`orders:` section), one map per report
/// format, picked with `kefu import orders --format NAME` or by its columns.
///
///     orders:
///       erp:
///         delimiter: ";"
///         marketplace: ebay
///         columns: {id: "Order No", placed_at: "Date", customer_name: "Buyer", tracking_number: "Tracking"}
public struct OrderColumnMap: Sendable, Hashable {
    /// The fields a map can name; `id` and `placed_at` are required.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case id, placedAt = "placed_at", customerName = "customer_name", buyerEmail = "buyer_email", total, currency
        case sku, title, quantity, trackingNumber = "tracking_number", carrier, marketplace
        /// Optional shipping facts the follow-up rules read (address, promised and actual ship dates).
        case shipStreet = "ship_street", shipHouseNumber = "ship_house_number", shipPostcode = "ship_postcode"
        case shipCity = "ship_city", shipCountry = "ship_country", shipBy = "ship_by", shippedAt = "shipped_at"
    }

    public var name: String
    public var delimiter: Character
    /// The marketplace for every row, unless the map names a `marketplace` column.
    public var marketplace: Marketplace
    public var columns: [Field: String]

    public init(name: String, delimiter: Character = ",", marketplace: Marketplace = .other, columns: [Field: String]) {
        self.name = name
        self.delimiter = delimiter
        self.marketplace = marketplace
        self.columns = columns
    }

    public static let requiredFields: [Field] = [.id, .placedAt]
}
