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
    /// one transaction. On a ticket already solved with an outcome this is an edit: only a lead
    /// may (`LeadRoleRequired`, nothing changed).
    func solve(ticketID: Int64, outcome: OutcomeChoice, acting: ActingAgent, now: Date) throws -> SolvedTicket
    /// Changes the recorded outcome of a ticket (solved or not), keeping the old one in history.
    /// Changing one already recorded needs a lead (`LeadRoleRequired`, nothing changed);
    /// recording the first is anyone's.
    @discardableResult
    func setOutcome(ticketID: Int64, outcome: OutcomeChoice, acting: ActingAgent, now: Date) throws -> RecordedOutcome
    func outcome(ticketID: Int64) throws -> RecordedOutcome?
    /// Every version of the ticket's outcome, oldest first.
    func outcomeHistory(ticketID: Int64) throws -> [RecordedOutcome]
    /// Outcomes of tickets solved in `since ..< until` (open ends when nil), by solving time.
    func outcomes(since: Date?, until: Date?) throws -> [RecordedOutcome]
}

extension OutcomeStore {
    /// Solves without a role check (imports, scripts acting as a lead, tests).
    public func solve(ticketID: Int64, outcome: OutcomeChoice, by: String, now: Date) throws -> SolvedTicket {
        try solve(ticketID: ticketID, outcome: outcome, acting: .unrestricted(by), now: now)
    }

    /// Records or changes an outcome without a role check.
    @discardableResult
    public func setOutcome(ticketID: Int64, outcome: OutcomeChoice, by: String, now: Date) throws -> RecordedOutcome {
        try setOutcome(ticketID: ticketID, outcome: outcome, acting: .unrestricted(by), now: now)
    }
}
