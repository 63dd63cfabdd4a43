import Foundation

/// Follow-ups (`F`, `kefu followups`): the store keeps them, puts a due one on its ticket as a
/// deadline of its own kind (so the queue sorts it with the others), and ends them when a reply
/// goes out after their time or an agent marks them done.
public protocol FollowUpStore: AnyObject, Sendable {
    /// Schedules a follow-up on a ticket; a parcel-driven one needs the ticket's order.
    func scheduleFollowUp(ticketID: Int64, when: FollowUpWhen, agent: String, now: Date) throws -> FollowUp
    /// Marks the ticket's open follow-ups done; returns how many it ended.
    @discardableResult
    func markFollowUpsDone(ticketID: Int64, agent: String, now: Date) throws -> Int
    /// The follow-ups of one ticket (nil: every ticket), newest first.
    func followUps(ticketID: Int64?) throws -> [FollowUp]
    /// Counts for the status bar, the dashboard and `kefu report`.
    func followUpCounts(now: Date) throws -> FollowUpCounts
}

/// Why a follow-up could not be kept, in words that say what to do.
public struct FollowUpError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    public static func noOrder(_ ticketID: Int64) -> FollowUpError {
        FollowUpError("#\(ticketID) has no order, so there is no parcel to watch: follow up at a time instead (in 3 days, on 2026-12-10)")
    }
}

/// The order-driven half: the rules read orders with their carrier events, and each rule that
/// fires opens a "speak first" item (`FollowUpRunner`).
public protocol ProactiveFollowUpStore: FollowUpStore, CarrierEventImporting {
    /// Every order with the carrier events of its parcels, for the rules.
    func ordersForFollowUps() throws -> [OrderFacts]
    /// Opens the speak-first item of a rule that fired: a follow-up due now on the order's
    /// ticket when it has one, else on a new ticket for the order's buyer, with `draft`'s text
    /// saved as the reply draft when the ticket has none. Nil when this rule already fired on
    /// this order (nothing changes); else the ticket's id.
    func raise(_ followUp: ProactiveFollowUp, language: String, draft: (Ticket) -> String, now: Date) throws -> Int64?
    /// Works out again when the follow-ups that wait on parcels are due; returns how many moved.
    @discardableResult
    func refreshParcelFollowUps(now: Date) throws -> Int
}
