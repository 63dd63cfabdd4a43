import Foundation

/// Returning customers for the demo: the customers of the first few demo conversations get
/// earlier orders (some in another currency, one with two parcels) and earlier conversations,
/// solved with an outcome, under the same address, so `i` shows a profile with history on the
/// first run. Deterministic: built from the conversations it is given.
public enum DemoHistory {
    public struct Earlier: Sendable {
        public var records: [IngestRecord]
        /// With the buyer's email, as an order report gives it (so they join the customer by it).
        public var orders: [(order: Order, buyerEmail: String?)]
        /// Conversation key → the outcome it is solved with.
        public var outcomes: [(conversation: String, outcome: OutcomeChoice)]
    }

    static let problems: [(Problem, ResponsibleParty, String)] = [
        (.lateOrLostParcel, .carrier, "Parcel late"), (.wrongItem, .warehouse, "Wrong colour received"),
        (.productQuestion, .seller, "Question about the size"), (.damagedParcel, .carrier, "Box arrived crushed"),
    ]

    /// Earlier history for the first message of each conversation in `records` (up to `customers`).
    public static func earlier(for records: [IngestRecord], customers: Int = 8, now: Date) -> Earlier {
        var firsts: [IngestRecord] = []
        var seen: Set<String> = []
        for record in records where record.direction == .inbound && seen.insert(record.conversation).inserted {
            firsts.append(record)
            if firsts.count == customers { break }
        }
        var result = Earlier(records: [], orders: [], outcomes: [])
        for (n, first) in firsts.enumerated() {
            let name = first.customer.name
            let conversations = 1 + n % 3
            let orders = 2 + n % 4
            for k in 0..<orders {
                let placed = now.addingTimeInterval(-Double(40 + k * 55 + n * 7) * 86_400)
                let id = "DEMO-\(n)-\(k + 1)"
                let currency = k == 2 && n % 2 == 0 ? "GBP" : (first.marketplace == .shopify || first.marketplace == .walmart ? "USD" : "EUR")
                var parcels = [Parcel(trackingNumber: "RB\(String(format: "%08d", 10_000_000 + n * 100 + k))GB".checkDigitS10(), carrier: "Royal Mail", shippedAt: placed.addingTimeInterval(86_400))]
                if k == 0 && n == 0 {
                    parcels.insert(Parcel(trackingNumber: "LB\(String(format: "%08d", 20_000_000 + n))CN".checkDigitS10(), carrier: "China Post",
                                          shippedAt: placed.addingTimeInterval(3 * 86_400), replaces: parcels[0].trackingNumber), at: 0)
                }
                result.orders.append((Order(
                    id: id, marketplace: first.marketplace, customerName: name, placedAt: placed,
                    total: Decimal(19 + (n * 13 + k * 7) % 80) + Decimal(string: "0.90")!, currency: currency,
                    items: [OrderItem(sku: "SKU-\(n)\(k)", title: "Desk lamp", quantity: 1)], parcels: parcels), first.customer.address.lowercased()))
            }
            for c in 0..<conversations {
                let (problem, responsible, subject) = problems[(n + c) % problems.count]
                let key = "demo-history-\(n)-\(c)"
                let at = now.addingTimeInterval(-Double(30 + c * 60 + n * 7) * 86_400)
                let order = "DEMO-\(n)-\(c + 1)"
                result.records.append(IngestRecord(
                    id: key + "-in", conversation: key, channel: first.channel, marketplace: first.marketplace, direction: .inbound,
                    from: first.from, to: first.to, at: at, subject: subject, body: "\(subject). Order \(order).", order: order,
                    language: first.language))
                result.records.append(IngestRecord(
                    id: key + "-out", conversation: key, channel: first.channel, marketplace: first.marketplace, direction: .outbound,
                    from: first.to, to: first.from, at: at.addingTimeInterval(3 * 3600), subject: "Re: " + subject,
                    body: "Thank you, we have sorted it out.", order: order, language: first.language))
                result.outcomes.append((key, OutcomeChoice(problem: problem, responsible: responsible)))
            }
        }
        return result
    }
}

extension String {
    /// `RB12345678?GB` with the UPU S10 check digit in place of the ninth digit's slot.
    fileprivate func checkDigitS10() -> String {
        let chars = Array(self)
        let digits = chars[2..<10].compactMap { $0.wholeNumberValue }
        guard digits.count == 8 else { return self }
        let weights = [8, 6, 4, 2, 3, 5, 9, 7]
        let r = zip(digits, weights).map(*).reduce(0, +) % 11
        let check = r == 0 ? 5 : r == 1 ? 0 : 11 - r
        return String(chars[0..<2]) + digits.map(String.init).joined() + String(check) + String(chars[10...])
    }
}
