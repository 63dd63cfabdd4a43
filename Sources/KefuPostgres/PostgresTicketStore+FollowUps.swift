import Foundation
import KefuCore

/// Follow-ups are kept on SQLite only in this build: every operation says so plainly instead
/// of pretending (the tables and migration 11 are still to be written for PostgreSQL).
extension PostgresTicketStore: ProactiveFollowUpStore {
    public func scheduleFollowUp(ticketID: Int64, when: FollowUpWhen, agent: String, now: Date) throws -> FollowUp {
        throw FollowUpError.unavailableOnPostgres
    }

    public func markFollowUpsDone(ticketID: Int64, agent: String, now: Date) throws -> Int {
        throw FollowUpError.unavailableOnPostgres
    }

    public func followUps(ticketID: Int64?) throws -> [FollowUp] { throw FollowUpError.unavailableOnPostgres }

    public func followUpCounts(now: Date) throws -> FollowUpCounts { throw FollowUpError.unavailableOnPostgres }

    public func importCarrierEvents(_ events: [CarrierEvent], now: Date) throws -> Int { throw FollowUpError.unavailableOnPostgres }

    public func ordersForFollowUps() throws -> [OrderFacts] { throw FollowUpError.unavailableOnPostgres }

    public func raise(_ followUp: ProactiveFollowUp, language: String, draft: (Ticket) -> String, now: Date) throws -> Int64? {
        throw FollowUpError.unavailableOnPostgres
    }

    public func refreshParcelFollowUps(now: Date) throws -> Int { throw FollowUpError.unavailableOnPostgres }
}
