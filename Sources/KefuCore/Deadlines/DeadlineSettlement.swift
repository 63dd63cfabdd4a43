import Foundation

/// A deadline policy that can measure business time, so a settled deadline records its elapsed
/// time in business seconds as well as calendar seconds. Policies that only count calendar time
/// need not conform: for them business time is calendar time.
public protocol BusinessTimeMeasuring: Sendable {
    /// Business seconds between `start` and `end` on the calendar that `clock` runs on.
    func businessSeconds(for clock: ReplyClock, from start: Date, to end: Date) -> TimeInterval
}

extension DeadlineOutcome {
    /// How `clock` ended when the reply went out at `settledAt`: met when the reply came no later
    /// than the due time.
    public static func settle(
        _ clock: ReplyClock, ticketID: Int64, at settledAt: Date, policy: any DeadlinePolicy
    ) -> DeadlineOutcome {
        let calendar = max(0, settledAt.timeIntervalSince(clock.started))
        let business = (policy as? any BusinessTimeMeasuring)?
            .businessSeconds(for: clock, from: clock.started, to: settledAt) ?? calendar
        return DeadlineOutcome(
            ticketID: ticketID, clock: clock, settledAt: settledAt, met: settledAt <= clock.due,
            elapsedCalendarSeconds: calendar, elapsedBusinessSeconds: business)
    }
}
