import Foundation

/// Did solving it keep the customer? Of the customers whose conversation ended with an outcome
/// of this kind, how many ordered again after it was solved.
public struct RepeatPurchaseRow: Sendable, Hashable {
    /// The outcome's resolution (`refund`, `reship`, …), or `none` for solved without one.
    public var outcome: String
    public var customers: Int
    public var repeated: Int

    public init(outcome: String, customers: Int, repeated: Int) {
        self.outcome = outcome
        self.customers = customers
        self.repeated = repeated
    }

    /// The share as a percentage, nil without customers.
    public var rate: Double? { customers == 0 ? nil : Double(repeated) * 100 / Double(customers) }
}
