import Foundation

extension DeadlineOutcome {
    /// How a reply clock ends when the conversation is solved while the customer's message still
    /// waits for an answer: breached, whatever the time. Solving is not answering; Amazon counts
    /// such a message as never responded to, and the team's met share must not look better for
    /// closing instead of replying. Elapsed times are measured as for a reply at that instant
    /// (holds left out), but the record is never an answer: response-time percentiles leave it
    /// out, and the late-response rate counts it as unanswered (the store keeps that mark).
    ///
    /// A message marked "no response needed" has no running reply clock by the time it is
    /// solved, so it never reaches here and stays excused.
    public static func closedUnanswered(
        _ clock: ReplyClock, ticketID: Int64, facts: ConversationFacts, at settledAt: Date, policy: any DeadlinePolicy
    ) -> DeadlineOutcome {
        var outcome = settle(clock, ticketID: ticketID, facts: facts, at: settledAt, reason: .replied, policy: policy)
        outcome.met = false
        outcome.excused = false
        return outcome
    }
}
