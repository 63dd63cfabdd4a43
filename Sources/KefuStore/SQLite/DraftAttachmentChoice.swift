import Foundation
import GRDB
import KefuCore

/// The choice lives on the draft row (`draft.attach_evidence`, migration `v6-mail-drafts`): it
/// goes when the draft goes (sent, or emptied), like the text it belongs to.
extension SQLiteTicketStore: DraftAttachmentChoice {
    public func draftAttachesEvidence(ticketID: Int64) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT attach_evidence FROM draft WHERE ticket_id = ?", arguments: [ticketID]) ?? false
        }
    }

    public func saveDraft(ticketID: Int64, body: String, attachEvidence: Bool, now: Date) throws {
        try pool.write { db in
            if body.isEmpty {
                try db.execute(sql: "DELETE FROM draft WHERE ticket_id = ?", arguments: [ticketID])
            } else {
                try db.execute(sql: """
                    INSERT INTO draft (ticket_id, body, updated_at, attach_evidence) VALUES (?, ?, ?, ?)
                    ON CONFLICT(ticket_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at,
                        attach_evidence = excluded.attach_evidence
                    """, arguments: [ticketID, body, now.timeIntervalSince1970, attachEvidence])
            }
        }
    }
}
