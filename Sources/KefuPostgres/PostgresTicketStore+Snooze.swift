import Foundation
import KefuCore

/// `z` on the shared store: the snooze is a row of its own (migration 4), so every console's
/// queue leaves the ticket out until its time; the ticket's version moves so others notice.
extension PostgresTicketStore: TicketSnoozing {
    public func snooze(ticketID: Int64, until: Date?, agent: String, now: Date) throws -> Ticket {
        try session.transaction { tx in
            guard !(try tx.query("SELECT 1 FROM ticket WHERE id = $1 FOR UPDATE", [.int(ticketID)])).isEmpty else {
                throw StoreError.ticketNotFound(ticketID)
            }
            if let until {
                try tx.query("""
                    INSERT INTO ticket_snooze (ticket_id, until, agent, at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (ticket_id) DO UPDATE SET until = excluded.until, agent = excluded.agent, at = excluded.at
                    """, [.int(ticketID), .double(until.timeIntervalSince1970), .text(agent), .double(now.timeIntervalSince1970)])
                try PostgresAuditRows.record(tx, at: now, agent: agent, action: .snooze, ticketID: ticketID, detail: AuditDetail.snooze(until: until))
            } else if !(try tx.query("DELETE FROM ticket_snooze WHERE ticket_id = $1 RETURNING ticket_id", [.int(ticketID)])).isEmpty {
                try PostgresAuditRows.record(tx, at: now, agent: agent, action: .unsnooze, ticketID: ticketID, detail: "back in the queue")
            }
            try tx.query("UPDATE ticket SET version = version + 1 WHERE id = $1", [.int(ticketID)])
            return try PostgresTicketRows.ticket(tx, id: ticketID)!
        }
    }
}
