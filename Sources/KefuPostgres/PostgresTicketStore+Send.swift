import Foundation
import KefuCore
import KefuEvidenceFiles

/// Sending: the reply, the ticket's update, the settled deadlines and the outbox row are one
/// transaction; the ticket's row is locked for it, so a send and an import of the customer's
/// next message on another machine apply one after the other, never interleaved.
extension PostgresTicketStore {
    public func send(_ reply: ReplyRequest, now: Date) throws -> SentReply {
        let body = reply.body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw StoreError.emptyReply }
        let externalID = "kefu-\(reply.idempotencyKey)"
        return try session.transaction { tx in
            guard let ticket = try tx.query(
                "SELECT \(PostgresTicketRows.ticketColumns) FROM ticket WHERE id = $1 FOR UPDATE", [.int(reply.ticketID)]
            ).first.map(PostgresTicketRows.ticket) else {
                throw StoreError.ticketNotFound(reply.ticketID)
            }
            if let existing = try tx.query("SELECT id FROM message WHERE external_id = $1", [.text(externalID)]).first {
                // Sent before with this key (a retry after a crash, a double press, another
                // machine that sent the same draft): store nothing new.
                return SentReply(message: try Self.message(tx, id: try existing.int(0)), ticket: ticket, settled: [], wasDuplicate: true)
            }
            if let seen = reply.seenThrough {
                let newer = try tx.query("SELECT id FROM message WHERE ticket_id = $1 AND id > $2 ORDER BY id", [.int(ticket.id), .int(seen)])
                if !newer.isEmpty {
                    throw ReplyCollision(ticketID: ticket.id, arrived: try newer.map { try Self.message(tx, id: try $0.int(0)) })
                }
            }
            let outcomesBefore = Int(try tx.query(
                "SELECT count(*) FROM deadline_outcome WHERE ticket_id = $1", [.int(ticket.id)])[0].int(0))
            let isNote = reply.direction == .note
            let messageID = try tx.query("""
                INSERT INTO message (ticket_id, external_id, direction, author, recipient, at, subject, body, language)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL) RETURNING id
                """, [
                    .int(ticket.id), .text(externalID), .text(reply.direction.rawValue), .text(reply.author),
                    .text(isNote ? "" : ticket.customerAddress), .double(now.timeIntervalSince1970),
                    .text(isNote ? "" : ReplySubject.of(ticket.subject)), .text(body),
                ])[0].int(0)
            if reply.direction == .outbound {
                // A reply after a follow-up's time is the follow-up done (before the clocks are written).
                try PostgresFollowUpRows.endDue(tx, ticketID: ticket.id, by: PostgresFollowUpRows.doneByReply, now: now)
            }
            try Self.applyMessage(tx, ticketID: ticket.id, direction: reply.direction, at: now, body: body, policy: policy)
            if reply.direction == .outbound {
                let outboxID = try tx.query("""
                    INSERT INTO outbox (message_id, ticket_id, idempotency_key, state, created_at, updated_at)
                    VALUES ($1, $2, $3, 'queued', $4, $4) RETURNING id
                    """, [.int(messageID), .int(ticket.id), .text(reply.idempotencyKey), .double(now.timeIntervalSince1970)])[0].int(0)
                try Self.recordAttachments(tx, outboxID: outboxID, evidenceIDs: reply.attachEvidence)
                try tx.query("DELETE FROM draft WHERE ticket_id = $1", [.int(ticket.id)])
            }
            let settled = Array(try PostgresDeadlineOutcomes.fetch(tx, ticketID: ticket.id).dropFirst(outcomesBefore))
            return SentReply(
                message: try Self.message(tx, id: messageID), ticket: try PostgresTicketRows.ticket(tx, id: ticket.id)!,
                settled: settled, wasDuplicate: false)
        }
    }

    static func message(_ tx: PostgresTransaction, id: Int64) throws -> Message {
        let row = try tx.query("""
            SELECT id, ticket_id, external_id, direction, author, recipient, at, subject, body, language
            FROM message WHERE id = $1
            """, [.int(id)])[0]
        return Message(
            id: try row.int(0), ticketID: try row.int(1), externalID: try row.string(2),
            direction: MessageDirection(rawValue: try row.string(3)) ?? .outbound, author: try row.string(4),
            recipient: try row.string(5), at: try row.date(6), subject: try row.string(7), body: try row.string(8),
            language: try row.optionalString(9))
    }

    /// Replies waiting in the outbox, oldest first.
    public func outbox(limit: Int = 100) throws -> [(idempotencyKey: String, ticketID: Int64, state: String)] {
        try session.query("SELECT idempotency_key, ticket_id, state FROM outbox ORDER BY id LIMIT $1", [.int(Int64(limit))])
            .map { (try $0.string(0), try $0.int(1), try $0.string(2)) }
    }

    /// Records the evidence a reply carries, inside `send`'s transaction, as the SQLite store
    /// does: an id that names no evidence record stops the whole send, so a reply is never
    /// queued without what was asked.
    static func recordAttachments(_ tx: PostgresTransaction, outboxID: Int64, evidenceIDs: [String]) throws {
        var seen = Set<String>()
        for (position, id) in evidenceIDs.enumerated() {
            guard let parsed = EvidenceID(parsing: id) else { throw ReplyAttachmentError.unknownEvidence(id) }
            guard seen.insert(parsed.text).inserted else { continue }
            guard let row = try tx.query("SELECT sha256, original_name, size FROM evidence WHERE id = $1", [.text(parsed.text)]).first else {
                throw ReplyAttachmentError.unknownEvidence(parsed.text)
            }
            let filename = try row.string(1)
            try tx.query("""
                INSERT INTO outbox_attachment (outbox_id, position, evidence_id, sha256, filename, content_type, size)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, [.int(outboxID), .int(Int64(position)), .text(parsed.text), .text(try row.string(0)), .text(filename),
                      .text(EvidenceMediaType.of(filename: filename)), .int(try row.int(2))])
        }
    }
}
