import Foundation
import KefuCore

/// Customers are linked and read on SQLite only in this build; on PostgreSQL every customer
/// call says so in one line instead of answering with nothing.
extension PostgresTicketStore: CustomerStore {
    public func customerProfile(id: Int64) throws -> CustomerProfile? { throw CustomerError.notOnPostgres }
    public func customer(byKey key: CustomerKey) throws -> Customer? { throw CustomerError.notOnPostgres }
    public func customerID(ticketID: Int64) throws -> Int64? { throw CustomerError.notOnPostgres }
    public func customers(segment: String?, limit: Int) throws -> [Customer] { throw CustomerError.notOnPostgres }
    public func mergeCustomers(kept: Int64, absorbed: Int64, acting: ActingAgent, now: Date) throws -> CustomerChange {
        throw CustomerError.notOnPostgres
    }
    public func splitCustomers(_ a: Int64, _ b: Int64, acting: ActingAgent, now: Date) throws -> CustomerChange {
        throw CustomerError.notOnPostgres
    }
    public func recomputeSegments(rules: SegmentRules, now: Date) throws -> SegmentSummary { throw CustomerError.notOnPostgres }
    public func repeatPurchase() throws -> [RepeatPurchaseRow] { throw CustomerError.notOnPostgres }
}
