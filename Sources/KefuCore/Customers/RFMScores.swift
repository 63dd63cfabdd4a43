import Foundation

/// Recency, frequency and monetary scores, each 1–5 (5: most recent, most orders, most spent).
public struct RFMScores: Sendable, Hashable, Codable {
    public var recency: Int
    public var frequency: Int
    public var monetary: Int

    public init(recency: Int, frequency: Int, monetary: Int) {
        self.recency = recency
        self.frequency = frequency
        self.monetary = monetary
    }

    /// `R5 F3 M4`.
    public var text: String { "R\(recency) F\(frequency) M\(monetary)" }
}

/// One customer's order history reduced to what RFM reads.
public struct OrderHistorySummary: Sendable, Hashable {
    public var customerID: Int64
    public var lastOrderAt: Date
    public var orders: Int
    /// The currency the customer spent most in (ties: alphabetical) and how much in it.
    public var currency: String
    public var spent: Decimal

    public init(customerID: Int64, lastOrderAt: Date, orders: Int, currency: String, spent: Decimal) {
        self.customerID = customerID
        self.lastOrderAt = lastOrderAt
        self.orders = orders
        self.currency = currency
        self.spent = spent
    }
}

/// Quintile scores over the store's customers with orders.
///
/// Each measure is ranked ascending; a customer at 0-based rank `r` of `n` scores
/// `1 + ⌊5·r / n⌋`, where equal values share the rank of the first of them (so ties score the
/// same, and one customer alone scores 1). Recency ranks the last order's instant (latest
/// scores highest), frequency the number of orders, monetary the amount spent in the customer's
/// main currency, ranked only among customers whose main currency is the same: no exchange
/// rates, and no sum across currencies.
public enum RFMQuintiles {
    public static func scores(_ histories: [OrderHistorySummary]) -> [Int64: RFMScores] {
        let recency = quintiles(histories, by: { $0.lastOrderAt.timeIntervalSince1970 })
        let frequency = quintiles(histories, by: { Double($0.orders) })
        var monetary: [Int64: Int] = [:]
        for (_, group) in Dictionary(grouping: histories, by: \.currency) {
            monetary.merge(quintiles(group, by: { NSDecimalNumber(decimal: $0.spent).doubleValue }), uniquingKeysWith: { a, _ in a })
        }
        var result: [Int64: RFMScores] = [:]
        result.reserveCapacity(histories.count)
        for history in histories {
            let id = history.customerID
            result[id] = RFMScores(recency: recency[id]!, frequency: frequency[id]!, monetary: monetary[id]!)
        }
        return result
    }

    /// `1 + ⌊5·rank / n⌋` with ties sharing the first rank.
    static func quintiles(_ histories: [OrderHistorySummary], by value: (OrderHistorySummary) -> Double) -> [Int64: Int] {
        let sorted = histories.map { (id: $0.customerID, value: value($0)) }.sorted { $0.value < $1.value }
        var scores: [Int64: Int] = [:]
        scores.reserveCapacity(sorted.count)
        var firstRank = 0
        for (rank, entry) in sorted.enumerated() {
            if rank > 0, entry.value != sorted[rank - 1].value { firstRank = rank }
            scores[entry.id] = 1 + (5 * firstRank) / sorted.count
        }
        return scores
    }
}
