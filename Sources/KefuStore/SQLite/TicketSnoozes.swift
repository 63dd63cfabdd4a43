import Foundation
import GRDB
import KefuCore

/// Snoozed tickets: out of every queue view until their time.
enum TicketSnoozes {
    /// Whether any snooze is still running; when none is, queue queries skip the snooze clause.
    static func anyRunning(_ db: Database, now: Date) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM ticket_snooze WHERE until > ?)"),
                          arguments: [now.timeIntervalSince1970]) ?? false
    }
}

extension SQLiteTicketStore: TicketSnoozing {
    public func snooze(ticketID: Int64, until: Date?, agent: String, now: Date) throws -> Ticket {
        try pool.write { db in
            guard try TicketRow.fetchOne(db, id: ticketID) != nil else { throw StoreError.ticketNotFound(ticketID) }
            if let until {
                try db.execute(sql: """
                    INSERT INTO ticket_snooze (ticket_id, until, agent, at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(ticket_id) DO UPDATE SET until = excluded.until, agent = excluded.agent, at = excluded.at
                    """, arguments: [ticketID, until.timeIntervalSince1970, agent, now.timeIntervalSince1970])
                try AuditRows.record(db, at: now, agent: agent, action: .snooze, ticketID: ticketID, detail: AuditDetail.snooze(until: until))
            } else {
                try db.execute(sql: "DELETE FROM ticket_snooze WHERE ticket_id = ?", arguments: [ticketID])
                if db.changesCount > 0 {
                    try AuditRows.record(db, at: now, agent: agent, action: .unsnooze, ticketID: ticketID, detail: "back in the queue")
                }
            }
            // Readers notice other processes' changes by the data version; the version bump also
            // tells an optimistic writer that the ticket moved.
            try db.execute(sql: "UPDATE ticket SET version = version + 1 WHERE id = ?", arguments: [ticketID])
            return try TicketRow.fetchOne(db, id: ticketID)!
        }
    }
}
