import Foundation
import GRDB
import KefuCore

/// Mail import: messages, their attachment links, their mail origin and the quarantine rows of
/// a batch go in one transaction, so a killed import leaves whole batches and the next run
/// (which skips stored message ids) completes the rest.
extension SQLiteTicketStore: MailImportStore {
    public func importMail(_ mails: [ImportedMail], quarantined: [QuarantinedInput]) throws -> MailImportSummary {
        try pool.write { db in
            let (part, stored) = try ingestBatch(db, mails.map(\.record)[...])
            var summary = MailImportSummary()
            summary.added = part.added
            summary.duplicates = part.duplicates
            summary.newTickets = part.newTickets
            for mail in mails {
                // A message stored by an earlier run gets its links again if they were missing.
                guard let messageID = try stored[mail.record.id] ?? Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM message WHERE external_id = ?"), arguments: [mail.record.id])
                else { continue }
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO mail_origin (message_id, source) VALUES (?, ?)")
                    .execute(arguments: [messageID, mail.source])
                for (position, file) in mail.attachments.enumerated() {
                    try db.cachedStatement(sql: """
                        INSERT OR IGNORE INTO message_attachment (message_id, position, filename, content_type, sha256, size, inline)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [messageID, position, file.filename, file.contentType, file.sha256, file.size, file.isInline])
                    summary.attachments += db.changesCount
                }
            }
            for input in quarantined {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO quarantine (source, location, reason, raw, at) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [input.source, input.location, input.reason, input.raw, input.at.timeIntervalSince1970])
                summary.quarantined += db.changesCount
            }
            return summary
        }
    }

    /// The conversation of a stored message, by its external id (a Message-ID for mail) or the
    /// Message-ID one of our replies went out with; for `MailThreader`, so a reply imported later
    /// (or a delivery report, an auto-reply to our reply) joins the thread it belongs to.
    public func conversation(ofMessage externalID: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db.cachedStatement(sql: """
                SELECT t.conversation FROM message m JOIN ticket t ON t.id = m.ticket_id WHERE m.external_id = ?
                UNION ALL
                SELECT t.conversation FROM outbox o JOIN ticket t ON t.id = o.ticket_id WHERE o.mail_message_id = ?
                LIMIT 1
                """), arguments: [externalID, externalID])
        }
    }

    /// The files linked to a message, in the order the message carried them.
    public func attachments(ofMessage messageID: Int64) throws -> [AttachmentLink] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT filename, content_type, sha256, size, inline FROM message_attachment WHERE message_id = ? ORDER BY position
                """, arguments: [messageID]).map {
                AttachmentLink(filename: $0[0], contentType: $0[1], sha256: $0[2], size: $0[3], isInline: $0[4])
            }
        }
    }

    /// How many quarantine rows the store holds.
    public func quarantineCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM quarantine") ?? 0 }
    }
}
