import Foundation

/// A solved ticket and the deadlines solving it settled.
public struct SolvedTicket: Sendable, Hashable {
    public var ticket: Ticket
    public var outcome: RecordedOutcome
    /// Resolution clocks that were running and ended with the solve.
    public var settled: [DeadlineOutcome]
    /// Reply clocks that were still running: the customer's message was closed without a reply,
    /// recorded as breached and, for the late-response rate, as unanswered.
    public var closedUnanswered: [DeadlineOutcome]

    public init(ticket: Ticket, outcome: RecordedOutcome, settled: [DeadlineOutcome], closedUnanswered: [DeadlineOutcome] = []) {
        self.ticket = ticket
        self.outcome = outcome
        self.settled = settled
        self.closedUnanswered = closedUnanswered
    }
}

/// Outcomes of solved tickets: recorded when solving, editable by leads afterwards.
public protocol OutcomeStore: AnyObject, Sendable {
    /// Marks the ticket solved, settles its running resolution clock, settles running reply clocks
    /// as closed without a reply (`DeadlineOutcome.closedUnanswered`) and records the outcome, in
    /// one transaction.
    func solve(ticketID: Int64, outcome: OutcomeChoice, by: String, now: Date) throws -> SolvedTicket
    /// Changes the recorded outcome of a ticket (solved or not), keeping the old one in history.
    @discardableResult
    func setOutcome(ticketID: Int64, outcome: OutcomeChoice, by: String, now: Date) throws -> RecordedOutcome
    func outcome(ticketID: Int64) throws -> RecordedOutcome?
    /// Every version of the ticket's outcome, oldest first.
    func outcomeHistory(ticketID: Int64) throws -> [RecordedOutcome]
    /// Outcomes of tickets solved in `since ..< until` (open ends when nil), by solving time.
    func outcomes(since: Date?, until: Date?) throws -> [RecordedOutcome]
}
