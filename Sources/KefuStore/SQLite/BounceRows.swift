import Foundation
import GRDB
import KefuCore

/// Replies a delivery report returned: found by the Message-ID fixed when they were queued,
/// marked `bounced` with the report's reason (`ReplyBounces` decides what that does to the
/// ticket).
enum BounceRows {
    /// Reports and replies to our replies look up the outbox by Message-ID while importing.
    static func v15(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX outbox_mail_message_id ON outbox(mail_message_id)")
    }

    static func markBounced(_ db: Database, messageID: String, reason: String, at: Date) throws -> ReplyBounces.Returned? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT o.id, o.ticket_id, m.at FROM outbox o JOIN message m ON m.id = o.message_id
            WHERE o.mail_message_id = ? AND o.state != 'bounced'
            """), arguments: [messageID]) else { return nil }
        let outboxID: Int64 = row[0]
        try db.cachedStatement(sql: """
            UPDATE outbox SET state = 'bounced', last_error = ?, updated_at = ?, lease_token = NULL, lease_until = NULL WHERE id = ?
            """).execute(arguments: [reason, at.timeIntervalSince1970, outboxID])
        return ReplyBounces.Returned(ticketID: row[1], replyAt: Date(timeIntervalSince1970: row[2]))
    }
}
