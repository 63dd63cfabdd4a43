import Foundation

/// Decides which deadline clocks run on a conversation, from SLA policies and business
/// calendars. The store and the console only see it as a `DeadlinePolicy`.
///
/// How a team lead can read it:
/// - Policies sit in **layers** (say `marketplace` and `team`). In each layer the first policy
///   whose conditions match applies; a policy without conditions is that layer's fallback.
/// - The applying policy of every layer runs its clocks side by side: a first reply (nothing
///   answered yet) or a next reply (a customer wrote again after an answer) from the oldest
///   unanswered customer message, and a resolution clock from the conversation's first message.
/// - A clock counts calendar time or the business time of a calendar. Holds the policy pauses for
///   are not counted; the others do not stop it.
///
/// The engine is pure: the same facts give the same clocks. Changing a policy means building a
/// new engine and asking again, which applies the new rules to open conversations at once.
public struct SLAEngine: DeadlinePolicy, BusinessTimeMeasuring, DeadlineSettling {
    public let configuration: SLAConfiguration
    /// Names the configuration this engine was built from (see `DeadlinePolicy.fingerprint`).
    public var fingerprint: String?

    /// A policy with its calendar looked up. A class: matching hands the same one around for
    /// every ticket, and copying the policy's many fields cost a third of a recompute in
    /// reference counting.
    private final class Resolved: Sendable {
        let policy: SLAPolicy
        /// Calendar for business targets and for measuring business seconds.
        let calendar: BusinessCalendar?

        init(policy: SLAPolicy, calendar: BusinessCalendar?) {
            self.policy = policy
            self.calendar = calendar
        }
    }

    private let byLayer: [(layer: String, policies: [Resolved])]
    private let byName: [String: Resolved]

    /// Refuses a configuration with problems (see `SLAConfiguration.problems()`), reporting the first.
    public init(_ configuration: SLAConfiguration) throws {
        if let problem = configuration.problems().first { throw problem }
        self.configuration = configuration
        let resolved = configuration.policies.map { policy in
            Resolved(policy: policy, calendar: (policy.calendar ?? configuration.teamCalendar).flatMap { configuration.calendars[$0] })
        }
        byLayer = configuration.layers.map { layer in (layer, resolved.filter { $0.policy.layer == layer }) }
        byName = Dictionary(resolved.map { ($0.policy.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The policy that applies to the conversation in one layer, if any.
    public func policy(for facts: ConversationFacts, inLayer layer: String) -> SLAPolicy? {
        byLayer.first { $0.layer == layer }?.policies.first { $0.policy.conditions.matches(facts) }?.policy
    }

    public func clocks(for facts: ConversationFacts) -> [ReplyClock] {
        guard facts.status != .solved else { return [] }
        return byLayer.flatMap { layer -> [ReplyClock] in
            guard let match = layer.policies.first(where: { $0.policy.conditions.matches(facts) }) else { return [] }
            return plannedClocks(match, facts).map(\.clock)
        }
    }

    /// Says which policy applies in each layer and why, and what its clocks are.
    public func explain(_ facts: ConversationFacts) -> SLAExplanation {
        var remarks: [String] = []
        if facts.status == .solved { remarks.append("the conversation is solved: no clock runs") }
        let layers = byLayer.map { layer -> SLAExplanation.Layer in
            var passedOver: [SLAExplanation.PassedOver] = []
            for candidate in layer.policies {
                if let mismatch = candidate.policy.conditions.firstMismatch(facts) {
                    passedOver.append(.init(policy: candidate.policy.name, reason: mismatch))
                    continue
                }
                let planned = facts.status == .solved ? [] : plannedClocks(candidate, facts)
                var idle: [String] = []
                let replyKind: ClockKind = facts.hasReplied ? .nextReply : .firstReply
                if candidate.policy.targets[replyKind] != nil, facts.awaitingSince == nil, facts.status != .solved {
                    idle.append("\(replyKind.rawValue): no customer message awaits a reply")
                }
                if facts.status != .solved, facts.awaitingSince != nil, candidate.policy.targets[replyKind] == nil {
                    idle.append("\(replyKind.rawValue): this policy sets no \(replyKind.rawValue) target")
                }
                return .init(
                    name: layer.layer, policy: candidate.policy.name, reason: candidate.policy.conditions.matchReason(facts),
                    note: candidate.policy.note, passedOver: passedOver,
                    clocks: planned.map { .init(clock: $0.clock, duration: $0.duration, calendar: $0.calendarName, pausedSeconds: $0.pausedSeconds) },
                    idle: idle)
            }
            return .init(name: layer.layer, policy: nil, reason: "no policy of this layer matches and it has no fallback",
                         note: nil, passedOver: passedOver, clocks: [], idle: [])
        }
        return SLAExplanation(layers: layers, remarks: remarks)
    }

    /// Ends a clock at `instant`: met when it ended no later than its due (paused time not
    /// counted, a hold still open at `instant` ending there), with the elapsed calendar and
    /// business seconds for the meters. `facts` are the conversation's facts at that moment.
    public func settle(
        _ clock: ReplyClock, facts: ConversationFacts, at instant: Date, reason: SLASettlement.Reason = .replied
    ) -> SLASettlement {
        let resolved = byName[clock.policy]
        let end = instant.timeIntervalSince1970, start = clock.started.timeIntervalSince1970
        let pauses = PauseSpans(holds: facts.holds, reasons: resolved?.policy.pausesOn ?? [], cutOff: end)
        let calendarElapsed = pauses.counted(from: start, to: end, on: .calendarTime)
        let businessElapsed = resolved?.calendar.map { pauses.counted(from: start, to: end, on: .business($0)) } ?? calendarElapsed
        let met: Bool
        if let resolved, let duration = resolved.policy.targets[clock.kind], let counting = counting(duration, from: start, resolved) {
            met = end <= pauses.due(start: counting.from, target: counting.amount, on: counting.timeline).due
        } else {
            met = instant <= clock.due
        }
        return SLASettlement(
            clock: clock, settledAt: instant, reason: reason,
            verdict: reason == .noResponseNeeded ? .excused : (met ? .met : .breached),
            elapsedCalendarSeconds: calendarElapsed, elapsedBusinessSeconds: businessElapsed,
            pausedSeconds: max(0, end - start - calendarElapsed))
    }

    /// Business seconds between two instants on the calendar of the clock's policy, without
    /// knowledge of holds; `settle(_:facts:at:reason:)` leaves paused time out and is preferred.
    public func businessSeconds(for clock: ReplyClock, from start: Date, to end: Date) -> TimeInterval {
        guard let calendar = byName[clock.policy]?.calendar else { return max(0, end.timeIntervalSince(start)) }
        return calendar.businessSeconds(from: start, to: end)
    }

    // MARK: - Working out clocks

    private struct Planned {
        var clock: ReplyClock
        var duration: SLADuration
        var calendarName: String?
        var pausedSeconds: Double
    }

    private func plannedClocks(_ resolved: Resolved, _ facts: ConversationFacts) -> [Planned] {
        var planned: [Planned] = []
        let replyKind: ClockKind = facts.hasReplied ? .nextReply : .firstReply
        if let since = facts.awaitingSince, let duration = resolved.policy.targets[replyKind] {
            planned += plan(replyKind, duration, from: since, resolved, facts).map { [$0] } ?? []
        }
        if let duration = resolved.policy.targets[.resolution], let since = facts.openedAt ?? facts.awaitingSince {
            planned += plan(.resolution, duration, from: since, resolved, facts).map { [$0] } ?? []
        }
        return planned
    }

    private func plan(
        _ kind: ClockKind, _ duration: SLADuration, from started: Date, _ resolved: Resolved, _ facts: ConversationFacts
    ) -> Planned? {
        let start = started.timeIntervalSince1970
        guard let counting = counting(duration, from: start, resolved) else { return nil }
        let pauses = PauseSpans(holds: facts.holds, reasons: resolved.policy.pausesOn)
        let (due, paused) = pauses.due(start: counting.from, target: counting.amount, on: counting.timeline)
        // Target and time on hold in seconds of the clock's own kind: business seconds for business clocks.
        let seconds: ClockTimeline = resolved.calendar.map { duration.isBusiness ? .business($0) : .calendarTime } ?? .calendarTime
        let target: Double
        if case .workingDays = counting.timeline {
            target = seconds.measure(from: counting.from, to: counting.timeline.advance(counting.amount, from: counting.from))
        } else {
            target = counting.amount
        }
        let pausedSeconds = seconds.measure(from: start, to: due) - pauses.counted(from: start, to: due, on: seconds)
        // "Less than a quarter left" is judged on the clock's own time: 25% of three business days
        // is business hours, not the calendar hours of the nights between them.
        let warnTimeline: ClockTimeline
        let warnAmount: Double
        if case .workingDays(let calendar) = counting.timeline {
            warnTimeline = .business(calendar); warnAmount = target * 0.75
        } else {
            warnTimeline = counting.timeline; warnAmount = counting.amount * 0.75
        }
        let warnAt = pauses.due(start: counting.from, target: warnAmount, on: warnTimeline).due
        let clock = ReplyClock(
            kind: kind, policy: resolved.policy.name, started: started, due: Date(timeIntervalSince1970: due),
            target: target, business: duration.isBusiness, paused: paused, warnAt: Date(timeIntervalSince1970: warnAt))
        return Planned(clock: clock, duration: duration, calendarName: duration.isBusiness ? resolved.calendar?.name : nil,
                       pausedSeconds: max(0, pausedSeconds))
    }

    /// How a target is counted: on which timeline, from when, how much. Business days count
    /// whole working days from the opening of the next working day (see `BusinessDayCount`).
    private struct Counting {
        var timeline: ClockTimeline
        var from: Double
        var amount: Double
    }

    private func counting(_ duration: SLADuration, from start: Double, _ resolved: Resolved) -> Counting? {
        switch duration {
        case .calendar(let seconds):
            return Counting(timeline: .calendarTime, from: start, amount: seconds)
        case .businessTime(let seconds):
            return resolved.calendar.map { Counting(timeline: .business($0), from: start, amount: seconds) }
        case .businessDays(let days):
            return resolved.calendar.map {
                Counting(timeline: .workingDays($0), from: $0.openingOfNextWorkingDay(after: start), amount: Double(days))
            }
        }
    }
}
