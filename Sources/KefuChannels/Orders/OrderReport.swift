import Foundation
import KefuCore

/// An order report read from a file: the orders it holds (rows of one order merged, items in
/// file order, parcels from the tracking columns) and the rows it refused, each with its line.
///
/// Three formats, told apart by their header row:
/// - Amazon's "All Orders" report (tab-separated, `amazon-order-id`, `purchase-date`, one row
///   per item; `buyer-email`, `buyer-name`, `tracking-number`, `carrier` are read when present);
/// - Shopify's orders export (CSV, `Name`, `Created at`, `Lineitem name`; later rows of an order
///   leave the order columns empty; `#1001` is stored as `1001`, as mail mentions it);
/// - a user's column map from the config file (`OrderColumnMap`).
public struct OrderReport: Sendable {
    public struct ImportedOrder: Sendable, Hashable {
        public var order: Order
        public var buyerEmail: String?
    }

    public struct RowError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public var format: String
    public var orders: [ImportedOrder]
    public var errors: [RowError]
    /// Rows taken in (an order of three items is three rows).
    public var goodRows: Int

    public enum FormatError: Error, Sendable, Hashable, CustomStringConvertible {
        case empty
        case unknownFormat(header: [String])
        case unknownMap(String, known: [String])
        case missingColumns(format: String, [String])
        case unterminatedQuote(line: Int)

        public var description: String {
            switch self {
            case .empty: return "the file holds no header row"
            case .unknownFormat(let header):
                return "line 1: not an Amazon All Orders report, a Shopify orders export, or a format from the config file's orders section (columns: \(header.prefix(8).joined(separator: ", ")))"
            case .unknownMap(let name, let known):
                return "no order format '\(name)' in the config file (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
            case .missingColumns(let format, let columns):
                return "line 1: the \(format) format needs the column(s) \(columns.map { "'\($0)'" }.joined(separator: ", "))"
            case .unterminatedQuote(let line): return "line \(line): a quoted field is never closed"
            }
        }
    }

    /// Reads `text`; `maps` are the user's formats, `forcedFormat` a name given on the command line.
    public static func read(
        _ text: String, maps: [OrderColumnMap], forcedFormat: String? = nil, detector: TrackingNumberDetector
    ) throws(FormatError) -> OrderReport {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let map: OrderColumnMap
        if let forcedFormat {
            if forcedFormat == "amazon" {
                map = amazonMap
            } else if forcedFormat == "shopify" {
                map = shopifyMap
            } else if let found = maps.first(where: { $0.name == forcedFormat }) {
                map = found
            } else {
                throw .unknownMap(forcedFormat, known: ["amazon", "shopify"] + maps.map(\.name))
            }
        } else {
            let tabbed = firstLine.contains("\t")
            let header = headerFields(firstLine, delimiter: tabbed ? "\t" : ",")
            if header.contains("amazon-order-id") {
                map = amazonMap
            } else if header.contains("Name"), header.contains("Lineitem name") {
                map = shopifyMap
            } else if let found = maps.first(where: { map in
                let names = headerFields(firstLine, delimiter: map.delimiter)
                return OrderColumnMap.requiredFields.allSatisfy { map.columns[$0].map(names.contains) ?? false }
            }) {
                map = found
            } else {
                throw .unknownFormat(header: header)
            }
        }
        let parsed = DelimitedTextReader.rows(text, delimiter: map.delimiter, quoting: map.name != "amazon")
        guard let header = parsed.rows.first else { throw .empty }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var index: [OrderColumnMap.Field: Int] = [:]
        for (field, column) in map.columns {
            if let position = names.firstIndex(of: column) { index[field] = position }
        }
        let missing = OrderColumnMap.requiredFields.filter { index[$0] == nil }.compactMap { map.columns[$0] }
        guard missing.isEmpty else { throw .missingColumns(format: map.name, missing) }

        var builder = Builder(map: map, index: index, detector: detector)
        for row in parsed.rows.dropFirst() { builder.take(row) }
        if case .unterminatedQuote(let line) = parsed.problem {
            builder.errors.append(RowError(line: line, reason: "a quoted field is never closed; the rest of the file was not read"))
        }
        return OrderReport(format: map.name, orders: builder.ordered(), errors: builder.errors, goodRows: builder.goodRows)
    }

    static func headerFields(_ line: Substring, delimiter: Character) -> [String] {
        line.split(separator: delimiter, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\u{FEFF} "))
        }
    }

    static let amazonMap = OrderColumnMap(name: "amazon", delimiter: "\t", marketplace: .amazon, columns: [
        .id: "amazon-order-id", .placedAt: "purchase-date", .customerName: "buyer-name", .buyerEmail: "buyer-email",
        .total: "item-price", .currency: "currency", .sku: "sku", .title: "product-name", .quantity: "quantity",
        .trackingNumber: "tracking-number", .carrier: "carrier",
        .shipStreet: "ship-address-1", .shipPostcode: "ship-postal-code", .shipCity: "ship-city", .shipCountry: "ship-country",
        .shipBy: "latest-ship-date", .shippedAt: "ship-date",
    ])

    static let shopifyMap = OrderColumnMap(name: "shopify", delimiter: ",", marketplace: .shopify, columns: [
        .id: "Name", .placedAt: "Created at", .customerName: "Billing Name", .buyerEmail: "Email", .total: "Total",
        .currency: "Currency", .sku: "Lineitem sku", .title: "Lineitem name", .quantity: "Lineitem quantity",
        .trackingNumber: "Tracking Number", .carrier: "Tracking Company",
        .shipStreet: "Shipping Street", .shipPostcode: "Shipping Zip", .shipCity: "Shipping City", .shipCountry: "Shipping Country",
        .shippedAt: "Fulfilled at",
    ])

    /// Merges rows into orders, checking each field it reads.
    struct Builder {
        let map: OrderColumnMap
        let index: [OrderColumnMap.Field: Int]
        let detector: TrackingNumberDetector
        var orders: [String: ImportedOrder] = [:]
        var order: [String] = []
        var errors: [RowError] = []
        var goodRows = 0

        func value(_ field: OrderColumnMap.Field, _ row: DelimitedTextReader.Row) -> String? {
            guard let position = index[field], position < row.fields.count else { return nil }
            let text = row.fields[position].trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }

        mutating func take(_ row: DelimitedTextReader.Row) {
            do throws(RowError) {
                try takeRow(row)
                goodRows += 1
            } catch {
                errors.append(error)
            }
        }

        private mutating func takeRow(_ row: DelimitedTextReader.Row) throws(RowError) {
            func fail(_ reason: String) -> RowError { RowError(line: row.line, reason: reason) }
            guard var id = value(.id, row) else { throw fail("no order id in column '\(map.columns[.id] ?? "")'") }
            if map.name == "shopify", id.hasPrefix("#") { id.removeFirst() }
            guard id.count <= 64, !id.contains(where: { $0.isNewline }) else { throw fail("the order id is not a plausible id") }
            var existing = orders[id]
            let placedText = value(.placedAt, row)
            let placed = placedText.flatMap(OrderDates.parse)
            if existing == nil {
                guard let placedText else { throw fail("order \(id): no date in column '\(map.columns[.placedAt] ?? "")'") }
                guard placed != nil else { throw fail("order \(id): \"\(placedText.prefix(40))\" is not a date like 2026-11-20T10:15:00Z") }
            } else if let placedText, placed == nil {
                throw fail("order \(id): \"\(placedText.prefix(40))\" is not a date like 2026-11-20T10:15:00Z")
            }
            var quantity = 1
            if let text = value(.quantity, row) {
                guard let number = Int(text), number >= 0 else { throw fail("order \(id): quantity \"\(text.prefix(20))\" is not a whole number") }
                quantity = number
            }
            var amount: Decimal?
            if let text = value(.total, row) {
                let cleaned = text.replacingOccurrences(of: ",", with: "")
                guard let number = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")), cleaned.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else {
                    throw fail("order \(id): amount \"\(text.prefix(20))\" is not a number")
                }
                amount = number
            }
            var marketplace = map.marketplace
            if let text = value(.marketplace, row) {
                guard let named = Marketplace(rawValue: text.lowercased()) else { throw fail("order \(id): unknown marketplace \"\(text.prefix(20))\"") }
                marketplace = named
            }
            var parcel: Parcel?
            if let raw = value(.trackingNumber, row) {
                let result = detector.detect(raw)
                guard !result.number.isEmpty else { throw fail("order \(id): tracking number \"\(raw.prefix(40))\" holds no letters or digits") }
                let carrier = result.carrierName ?? value(.carrier, row) ?? "unknown"
                parcel = Parcel(trackingNumber: result.number, carrier: carrier, shippedAt: placed ?? existing?.order.placedAt ?? Date())
            }

            if existing == nil {
                existing = ImportedOrder(
                    order: Order(id: id, marketplace: marketplace, customerName: value(.customerName, row) ?? "",
                                 placedAt: placed!, total: 0, currency: value(.currency, row) ?? "", items: [], parcels: []),
                    buyerEmail: value(.buyerEmail, row)?.lowercased())
                order.append(id)
            }
            var imported = existing!
            if imported.order.customerName.isEmpty, let name = value(.customerName, row) { imported.order.customerName = name }
            if imported.buyerEmail == nil, let email = value(.buyerEmail, row) { imported.buyerEmail = email.lowercased() }
            if imported.order.currency.isEmpty, let currency = value(.currency, row) { imported.order.currency = currency }
            if let amount {
                // Amazon gives a price per item row; Shopify and most exports a total on the first row.
                imported.order.total = map.name == "amazon" ? imported.order.total + amount : (imported.order.total == 0 ? amount : imported.order.total)
            }
            try takeShipping(row, id: id, into: &imported.order)
            if value(.title, row) != nil || value(.sku, row) != nil {
                imported.order.items.append(OrderItem(sku: value(.sku, row) ?? "", title: value(.title, row) ?? "", quantity: quantity))
            }
            if let parcel, !imported.order.parcels.contains(where: { $0.trackingNumber == parcel.trackingNumber }) {
                imported.order.parcels.insert(parcel, at: 0)
            }
            orders[id] = imported
        }

        func ordered() -> [ImportedOrder] { order.compactMap { orders[$0] } }

        /// The optional shipping columns: address parts (any script), a two-letter country,
        /// the promised ship-by day and the day it shipped. The first row that gives one wins.
        private func takeShipping(_ row: DelimitedTextReader.Row, id: String, into order: inout Order) throws(RowError) {
            func fail(_ reason: String) -> RowError { RowError(line: row.line, reason: reason) }
            func date(_ field: OrderColumnMap.Field) throws(RowError) -> Date? {
                guard let text = value(field, row) else { return nil }
                guard let date = OrderDates.parse(text) else {
                    throw fail("order \(id): \(map.columns[field] ?? field.rawValue) \"\(text.prefix(40))\" is not a date like 2026-11-20")
                }
                return date
            }
            if order.shipBy == nil { order.shipBy = try date(.shipBy) }
            if order.shippedAt == nil { order.shippedAt = try date(.shippedAt) }
            var country = value(.shipCountry, row) ?? ""
            if !country.isEmpty {
                country = country.uppercased()
                guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw fail("order \(id): ship country \"\(country.prefix(20))\" is not a two-letter ISO code (DE, GB, US)")
                }
            }
            let address = ShippingAddress(
                street: value(.shipStreet, row) ?? "", houseNumber: value(.shipHouseNumber, row) ?? "",
                postcode: value(.shipPostcode, row) ?? "", city: value(.shipCity, row) ?? "", country: country)
            if order.shippingAddress == nil, !address.isEmpty { order.shippingAddress = address }
        }
    }
}

/// The date forms order reports use: RFC 3339 (Amazon), `2026-11-20 10:15:00 +0800`
/// (Shopify), and plain `2026-11-20 10:15:00` or `2026-11-20` (read as UTC).
enum OrderDates {
    static func parse(_ text: String) -> Date? {
        if let date = RFC3339.parse(text) { return date }
        for format in ["yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd HH:mm:ss Z", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
