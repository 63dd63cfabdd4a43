import Foundation
import GRDB
import KefuCore

/// The rollups follow through the same trigger as every other record.
extension SQLiteTicketStore: SettledDeadlineRecording {
    public func recordSettledDeadline(
        ticketID: Int64, kind: ClockKind, policy: String, started: Date, due: Date, settledAt: Date, met: Bool,
        elapsedCalendar: Double, elapsedBusiness: Double?, excused: Bool, pausedSeconds: Double
    ) throws {
        try pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM ticket WHERE id = ?", arguments: [ticketID]) != nil else {
                throw StoreError.ticketNotFound(ticketID)
            }
            try db.execute(sql: """
                INSERT INTO deadline_outcome (ticket_id, kind, policy, business, started, due, settled_at, met,
                                              elapsed_calendar, elapsed_business, excused, paused_seconds)
                VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    ticketID, kind.rawValue, policy, started.timeIntervalSince1970, due.timeIntervalSince1970,
                    settledAt.timeIntervalSince1970, met, elapsedCalendar, elapsedBusiness ?? elapsedCalendar, excused, pausedSeconds,
                ])
        }
    }
}
