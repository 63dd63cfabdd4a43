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
    /// Calendar seconds between start and settlement that the clock stood still on hold.
    public var pausedSeconds: Double

    public init(clock: ReplyClock, settledAt: Date, reason: Reason, verdict: Verdict,
                elapsedCalendarSeconds: Double, elapsedBusinessSeconds: Double, pausedSeconds: Double = 0) {
        self.pausedSeconds = pausedSeconds
        self.clock = clock
        self.settledAt = settledAt
        self.reason = reason
        self.verdict = verdict
        self.elapsedCalendarSeconds = elapsedCalendarSeconds
        self.elapsedBusinessSeconds = elapsedBusinessSeconds
    }

    /// Whether late-reply and response-time figures count this settlement.
    public var countsInFigures: Bool { verdict != .excused }

    /// The row the store keeps for the meters; an excused settlement is kept as met and excused,
    /// so a query that forgets `excused` still never counts it late.
    public func outcome(ticketID: Int64) -> DeadlineOutcome {
        DeadlineOutcome(
            ticketID: ticketID, clock: clock, settledAt: settledAt, met: verdict != .breached,
            elapsedCalendarSeconds: elapsedCalendarSeconds, elapsedBusinessSeconds: elapsedBusinessSeconds,
            excused: verdict == .excused, pausedSeconds: pausedSeconds)
    }
}
