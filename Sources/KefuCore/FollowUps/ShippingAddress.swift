import Foundation

/// Where an order goes, as an order report gives it (every field optional: reports differ).
public struct ShippingAddress: Sendable, Hashable {
    /// The street, or the whole first address line ("12 Baker Street").
    public var street: String
    /// The house number when the report has a column of its own for it.
    public var houseNumber: String
    public var postcode: String
    public var city: String
    /// ISO 3166 alpha-2 (`DE`, `GB`), upper case.
    public var country: String

    public init(street: String = "", houseNumber: String = "", postcode: String = "", city: String = "", country: String = "") {
        self.street = street
        self.houseNumber = houseNumber
        self.postcode = postcode
        self.city = city
        self.country = country.uppercased()
    }

    public var isEmpty: Bool { street.isEmpty && houseNumber.isEmpty && postcode.isEmpty && city.isEmpty && country.isEmpty }

    /// One line for lists and templates: "Hauptstr. 5, 10115 Berlin, DE".
    public var oneLine: String {
        let first = [street, houseNumber].filter { !$0.isEmpty }.joined(separator: " ")
        let place = [postcode, city].filter { !$0.isEmpty }.joined(separator: " ")
        return [first, place, country].filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
