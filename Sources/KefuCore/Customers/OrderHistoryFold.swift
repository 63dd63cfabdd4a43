import Foundation

/// Folds a store's orders, grouped by customer and currency, into one `OrderHistorySummary`
/// per customer: the newest order, how many, and the currency spent most in (ties:
/// alphabetical) with its sum. Both backends read the same grouped rows and hand them here.
public struct OrderHistoryFold: Sendable {
    private var histories: [Int64: OrderHistorySummary] = [:]
    private var spentByCurrency: [Int64: [String: Double]] = [:]

    public init() {}

    /// One group: a customer's orders in one currency.
    public mutating func add(customerID: Int64, currency: String, lastOrderAt: Date, orders: Int, spent: Double) {
        spentByCurrency[customerID, default: [:]][currency] = spent
        if var history = histories[customerID] {
            history.lastOrderAt = max(history.lastOrderAt, lastOrderAt)
            history.orders += orders
            histories[customerID] = history
        } else {
            histories[customerID] = OrderHistorySummary(customerID: customerID, lastOrderAt: lastOrderAt, orders: orders, currency: currency, spent: 0)
        }
    }

    public func summaries() -> [Int64: OrderHistorySummary] {
        var result = histories
        for (id, sums) in spentByCurrency {
            let main = sums.max { ($0.value, $1.key) < ($1.value, $0.key) }!
            result[id]!.currency = main.key
            result[id]!.spent = Decimal(main.value)
        }
        return result
    }
}
