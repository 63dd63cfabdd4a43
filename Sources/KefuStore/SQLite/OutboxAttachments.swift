import Foundation
import GRDB
import KefuCore

extension SQLiteTicketStore {
    /// Records the evidence a reply carries, inside `send`'s transaction: an id that names no
    /// evidence record stops the whole send, so a reply is never queued without what was asked.
    static func recordAttachments(_ db: Database, outboxID: Int64, evidenceIDs: [String]) throws {
        var seen = Set<String>()
        for (position, id) in evidenceIDs.enumerated() {
            guard let parsed = EvidenceID(parsing: id) else { throw ReplyAttachmentError.unknownEvidence(id) }
            guard seen.insert(parsed.text).inserted else { continue }
            guard let row = try Row.fetchOne(db, sql: "SELECT sha256, original_name, size FROM evidence WHERE id = ?", arguments: [parsed.text]) else {
                throw ReplyAttachmentError.unknownEvidence(parsed.text)
            }
            let filename: String = row[1]
            try db.execute(sql: """
                INSERT INTO outbox_attachment (outbox_id, position, evidence_id, sha256, filename, content_type, size)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [outboxID, position, parsed.text, row[0] as String, filename, EvidenceMediaType.of(filename: filename), row[2] as Int64])
        }
    }

    /// How many replies not yet sent carry this evidence (they fail if it is removed).
    public func unsentRepliesCarrying(evidenceID: String) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT a.outbox_id) FROM outbox_attachment a JOIN outbox o ON o.id = a.outbox_id
                WHERE a.evidence_id = ? AND o.state NOT IN ('sent', 'bounced')
                """, arguments: [evidenceID]) ?? 0
        }
    }

    /// The attachments of an outbox row, in the order the reply names them.
    static func attachments(_ db: Database, outboxID: Int64) throws -> [OutboxAttachment] {
        try Row.fetchAll(db, sql: """
            SELECT a.evidence_id, a.sha256, a.filename, a.content_type, a.size,
                   EXISTS (SELECT 1 FROM evidence e WHERE e.id = a.evidence_id AND e.sha256 = a.sha256)
            FROM outbox_attachment a WHERE a.outbox_id = ? ORDER BY a.position
            """, arguments: [outboxID]).map {
            OutboxAttachment(evidenceID: $0[0], sha256: $0[1], filename: $0[2], contentType: $0[3], size: $0[4], stillRecorded: $0[5])
        }
    }
}
