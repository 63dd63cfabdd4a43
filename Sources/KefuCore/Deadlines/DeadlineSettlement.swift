import Foundation

/// A deadline policy that can measure business time, so a settled deadline records its elapsed
/// time in business seconds as well as calendar seconds. Policies that only count calendar time
/// need not conform: for them business time is calendar time.
public protocol BusinessTimeMeasuring: Sendable {
    /// Business seconds between `start` and `end` on the calendar that `clock` runs on.
    func businessSeconds(for clock: ReplyClock, from start: Date, to end: Date) -> TimeInterval
}

/// A deadline policy that judges how a clock ended itself: with the conversation's holds left
/// out and "no response needed" excused. The SLA engine is one.
public protocol DeadlineSettling: Sendable {
    func settle(_ clock: ReplyClock, facts: ConversationFacts, at instant: Date, reason: SLASettlement.Reason) -> SLASettlement
}

extension DeadlineOutcome {
    /// How `clock` ended at `settledAt` for the reason given. A policy that settles clocks itself
    /// decides; otherwise the clock was met when it ended no later than its due, and an excused
    /// ending counts as neither.
    public static func settle(
        _ clock: ReplyClock, ticketID: Int64, facts: ConversationFacts, at settledAt: Date,
        reason: SLASettlement.Reason = .replied, policy: any DeadlinePolicy
    ) -> DeadlineOutcome {
        if let settling = policy as? any DeadlineSettling {
            return settling.settle(clock, facts: facts, at: settledAt, reason: reason).outcome(ticketID: ticketID)
        }
        let calendar = max(0, settledAt.timeIntervalSince(clock.started))
        let business = (policy as? any BusinessTimeMeasuring)?
            .businessSeconds(for: clock, from: clock.started, to: settledAt) ?? calendar
        return DeadlineOutcome(
            ticketID: ticketID, clock: clock, settledAt: settledAt,
            met: reason == .noResponseNeeded || settledAt <= clock.due,
            elapsedCalendarSeconds: calendar, elapsedBusinessSeconds: business,
            excused: reason == .noResponseNeeded)
    }
}
