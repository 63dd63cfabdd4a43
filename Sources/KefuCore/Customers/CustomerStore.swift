import Foundation

/// Customers behind the conversations and orders. The stores link every ticket and order to a
/// customer as they come in (`CustomerKeys`); this is what the console and the commands read
/// and what a lead changes.
public protocol CustomerStore: AnyObject, Sendable {
    /// The customer's profile; a merged-away id gives the record it was merged into. Nil: no such customer.
    func customerProfile(id: Int64) throws -> CustomerProfile?
    /// The customer whose key this is (an address, an order id); nil when none.
    func customer(byKey key: CustomerKey) throws -> Customer?
    /// The customer a ticket belongs to.
    func customerID(ticketID: Int64) throws -> Int64?
    /// Customers in id order, optionally only one segment's.
    func customers(segment: String?, limit: Int) throws -> [Customer]
    /// Folds `absorbed` into `kept`: its keys, tickets and orders move; kept in `customer_merge`
    /// and the audit log (`customer-merge`). A lead's action once roles are configured.
    func mergeCustomers(kept: Int64, absorbed: Int64, acting: ActingAgent, now: Date) throws -> CustomerChange
    /// Undoes the merge that joined the two, and keeps them apart from then on (automatic
    /// linking never joins them again). Audit `customer-split`.
    func splitCustomers(_ a: Int64, _ b: Int64, acting: ActingAgent, now: Date) throws -> CustomerChange
    /// Scores and names every customer's segment anew and gives open tickets the derived
    /// segment (their deadlines follow, for policies that match `segment`).
    func recomputeSegments(rules: SegmentRules, now: Date) throws -> SegmentSummary
    /// Repeat purchase by the outcome of customers' conversations (`RepeatPurchaseRow`).
    func repeatPurchase() throws -> [RepeatPurchaseRow]
}

/// Why a customer command was refused; nothing was changed.
public enum CustomerError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(String)
    case mergeWithItself(Int64)
    case notMerged(Int64, Int64)
    case alreadyMerged(Int64, into: Int64)

    public var description: String {
        switch self {
        case .notFound(let what): "no customer \(TerminalSanitizer.oneLine(what)) in this store (give an id such as C12, an email address or an order id)"
        case .mergeWithItself(let id): "cannot merge \(CustomerName.of(id)) with itself: give two different customers"
        case .notMerged(let a, let b): "\(CustomerName.of(a)) and \(CustomerName.of(b)) were not merged, so there is nothing to split"
        case .alreadyMerged(let id, let into): "\(CustomerName.of(id)) was already merged into \(CustomerName.of(into)): merge \(CustomerName.of(into)) instead"
        }
    }
}
