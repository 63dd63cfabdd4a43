import Foundation

/// Why the team stopped the clock on a conversation.
public enum HoldReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// The team asked the customer something and waits for the answer.
    case waitingOnCustomer = "waiting_on_customer"
    /// Parked for a reason of the team's own (waiting on the warehouse, on a carrier claim).
    case onHold = "on_hold"
}

/// A stretch of time a conversation spent on hold. Clocks whose policy pauses for `reason` do
/// not count it; the others run on. `end` is nil while the hold lasts.
public struct Hold: Sendable, Hashable, Codable {
    public var reason: HoldReason
    public var start: Date
    public var end: Date?

    public init(reason: HoldReason, start: Date, end: Date? = nil) {
        self.reason = reason
        self.start = start
        self.end = end
    }
}
