import Foundation

/// Stopping and settling a conversation's clocks without a reply: holds ("waiting on customer",
/// "on hold") pause the clocks whose policy allows it; "no response needed" (Amazon) settles the
/// customer's messages as excused. Each change leaves a note in the thread saying who and when.
public protocol ConversationHolding: Sendable {
    /// Puts the conversation on hold from `now` (ending another hold first). Returns the ticket
    /// as it now is.
    func startHold(ticketID: Int64, reason: HoldReason, agent: String, now: Date) throws -> Ticket
    /// Ends the hold that lasts, if any; the paused clocks run again from `now`.
    func endHold(ticketID: Int64, agent: String, now: Date) throws -> Ticket
    /// Settles the reply clocks running on the customer's unanswered messages as excused and
    /// takes the ticket out of the needs-reply queue. Returns the settled deadlines (none when
    /// no message awaits a reply).
    func markNoResponseNeeded(ticketID: Int64, agent: String, now: Date) throws -> [DeadlineOutcome]
}

/// Applying a changed deadline policy to the conversations still open.
public protocol DeadlineRecomputing: Sendable {
    /// Recomputes the clocks of every open ticket under the store's policy; returns how many
    /// tickets' deadlines moved.
    func recomputeOpenDeadlines() throws -> Int
}
