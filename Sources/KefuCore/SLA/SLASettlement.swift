import Foundation

/// How a deadline ended, with the elapsed time the meters add up. Paused time is left out of
/// both elapsed figures for clocks that pause, as it is left out of the deadline.
public struct SLASettlement: Sendable, Hashable {
    /// What ended the clock.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The team answered.
        case replied
        /// The conversation was solved (ends a resolution clock).
        case resolved
        /// An agent marked the message as needing no answer (Amazon's "no response needed"):
        /// the clock ends without a reply and the message is left out of late-reply figures.
        case noResponseNeeded = "no_response_needed"
    }

    public enum Verdict: String, Sendable, Hashable, Codable {
        case met
        case breached
        /// Ended by "no response needed": neither met nor breached, counted in no figure.
        case excused
    }

    public var clock: ReplyClock
    public var settledAt: Date
    public var reason: Reason
    public var verdict: Verdict
    public var elapsedCalendarSeconds: Double
    public var elapsedBusinessSeconds: Double

    public init(clock: ReplyClock, settledAt: Date, reason: Reason, verdict: Verdict,
                elapsedCalendarSeconds: Double, elapsedBusinessSeconds: Double) {
        self.clock = clock
        self.settledAt = settledAt
        self.reason = reason
        self.verdict = verdict
        self.elapsedCalendarSeconds = elapsedCalendarSeconds
        self.elapsedBusinessSeconds = elapsedBusinessSeconds
    }

    /// Whether late-reply and response-time figures count this settlement.
    public var countsInFigures: Bool { verdict != .excused }

    /// The row the store keeps for the meters. `DeadlineOutcome` has no place for "excused":
    /// check `countsInFigures` before storing an excused settlement as if it were met.
    public func outcome(ticketID: Int64) -> DeadlineOutcome {
        DeadlineOutcome(
            ticketID: ticketID, clock: clock, settledAt: settledAt, met: verdict != .breached,
            elapsedCalendarSeconds: elapsedCalendarSeconds, elapsedBusinessSeconds: elapsedBusinessSeconds)
    }
}
