import Foundation
import GRDB
import KefuCore

/// Deadline records of customer messages closed without a reply (solved while their reply clock
/// ran). They carry `unanswered = 1`, which the `deadline_outcome_meters` trigger (v6-team)
/// reads: never an answer, one unanswered message per (ticket, kind, instant) in `meter_hour`.
enum ClosedUnansweredRows {
    static func insert(_ db: Database, ticketID: Int64, clock: ReplyClock, facts: ConversationFacts, settledAt: Date,
                       policy: any DeadlinePolicy) throws -> DeadlineOutcome {
        let outcome = DeadlineOutcome.closedUnanswered(clock, ticketID: ticketID, facts: facts, at: settledAt, policy: policy)
        try db.cachedStatement(sql: """
            INSERT INTO deadline_outcome (ticket_id, kind, policy, business, started, due, settled_at, met,
                                          elapsed_calendar, elapsed_business, excused, paused_seconds, unanswered)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 1)
            """).execute(arguments: [
                ticketID, clock.kind.rawValue, clock.policy, clock.business, clock.started.timeIntervalSince1970,
                clock.due.timeIntervalSince1970, settledAt.timeIntervalSince1970, outcome.met,
                outcome.elapsedCalendarSeconds, outcome.elapsedBusinessSeconds, outcome.pausedSeconds,
            ])
        return outcome
    }
}
