import Foundation
import KefuCore

/// Settled deadlines recorded directly (history from another tool, tests that build a day by
/// hand); the `deadline_outcome_credit` trigger credits and rolls them up like every other.
extension PostgresTicketStore: SettledDeadlineRecording {
    public func recordSettledDeadline(
        ticketID: Int64, kind: ClockKind, policy: String, started: Date, due: Date, settledAt: Date, met: Bool,
        elapsedCalendar: Double, elapsedBusiness: Double?, excused: Bool, pausedSeconds: Double
    ) throws {
        try session.transaction { tx in
            guard !(try tx.query("SELECT 1 FROM ticket WHERE id = $1", [.int(ticketID)])).isEmpty else {
                throw StoreError.ticketNotFound(ticketID)
            }
            try tx.query("""
                INSERT INTO deadline_outcome (ticket_id, kind, policy, business, started, due, settled_at, met,
                                              elapsed_calendar, elapsed_business, excused, paused_seconds)
                VALUES ($1, $2, $3, false, $4, $5, $6, $7, $8, $9, $10, $11)
                """, [
                    .int(ticketID), .text(kind.rawValue), .text(policy), .double(started.timeIntervalSince1970),
                    .double(due.timeIntervalSince1970), .double(settledAt.timeIntervalSince1970), .bool(met),
                    .double(elapsedCalendar), .double(elapsedBusiness ?? elapsedCalendar), .bool(excused), .double(pausedSeconds),
                ])
        }
    }
}
