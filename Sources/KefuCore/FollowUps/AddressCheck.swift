import Foundation

/// Whether a shipping address looks incomplete enough to ask the buyer before the parcel goes
/// astray: no house number, or a postcode that does not fit the country's pattern. A heuristic
/// that errs towards silence: a country without a pattern is only checked for the house number,
/// and countries where addresses often have no number (JP blocks, GB named houses) are judged
/// by the postcode alone.
///
///     AddressCheck.problems(ShippingAddress(street: "Hauptstraße", postcode: "10115", city: "Berlin", country: "DE"))
///     // [.noHouseNumber]
///     AddressCheck.problems(ShippingAddress(street: "1 Main St", postcode: "9021", country: "US"))
///     // [.postcode("9021", country: "US")]
public enum AddressCheck {
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        case noHouseNumber
        case noPostcode
        case postcode(String, country: String)

        public var description: String {
            switch self {
            case .noHouseNumber: "no house number"
            case .noPostcode: "no postcode"
            case .postcode(let code, let country): "postcode “\(code)” does not fit \(country)"
            }
        }
    }

    /// Postcode shapes of the sellers' main destination countries (`9` a digit, `A` a letter,
    /// `?` either, space and dash as written; upper-cased before matching).
    public static let postcodePatterns: [String: [String]] = [
        "US": ["99999", "99999-9999"],
        "CA": ["A9A 9A9", "A9A9A9"],
        "GB": ["A9 9AA", "A99 9AA", "AA9 9AA", "AA99 9AA", "A9A 9AA", "AA9A 9AA"],
        "DE": ["99999"], "FR": ["99999"], "ES": ["99999"], "IT": ["99999"],
        "NL": ["9999 AA", "9999AA"], "BE": ["9999"], "AT": ["9999"], "CH": ["9999"],
        "PL": ["99-999"], "SE": ["999 99", "99999"], "PT": ["9999-999"], "IE": ["A99 ????", "A99????"],
        "JP": ["999-9999", "9999999"], "AU": ["9999"], "NZ": ["9999"], "MX": ["99999"], "BR": ["99999-999", "99999999"],
    ]

    /// Countries where a house number is often not part of the address (named houses, block numbers).
    public static let numberOptional: Set<String> = ["GB", "IE", "JP"]

    public static func problems(_ address: ShippingAddress) -> [Problem] {
        var found: [Problem] = []
        let country = address.country.uppercased()
        let line = address.street + " " + address.houseNumber
        if !numberOptional.contains(country), !line.contains(where: { $0.isNumber }) {
            found.append(.noHouseNumber)
        }
        let postcode = address.postcode.trimmingCharacters(in: .whitespaces).uppercased()
        if let patterns = postcodePatterns[country] {
            if postcode.isEmpty {
                found.append(.noPostcode)
            } else if !patterns.contains(where: { fits(postcode, $0) }) {
                found.append(.postcode(address.postcode, country: country))
            }
        }
        return found
    }

    /// Whether `code` has the shape `pattern` (see `postcodePatterns`).
    static func fits(_ code: String, _ pattern: String) -> Bool {
        let code = Array(code), pattern = Array(pattern)
        guard code.count == pattern.count else { return false }
        for (c, p) in zip(code, pattern) {
            switch p {
            case "9": guard c.isASCII, c.isNumber else { return false }
            case "A": guard c.isASCII, c.isLetter else { return false }
            case "?": guard c.isASCII, c.isLetter || c.isNumber else { return false }
            default: guard c == p else { return false }
            }
        }
        return true
    }
}
