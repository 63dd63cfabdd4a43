import Foundation
import GRDB
import KefuCore

/// Sending: the reply, the ticket's update (version, clocks, queue columns), the settled deadlines
/// and the outbox row (with the evidence it carries) are one transaction, so a crash leaves
/// either all of them or none.
extension SQLiteTicketStore {
    public func send(_ reply: ReplyRequest, now: Date) throws -> SentReply {
        let body = reply.body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw StoreError.emptyReply }
        return try pool.write { db in
            guard let ticket = try TicketRow.fetchOne(db, id: reply.ticketID) else {
                throw StoreError.ticketNotFound(reply.ticketID)
            }
            let externalID = "kefu-\(reply.idempotencyKey)"
            if let existing = try Row.fetchOne(db, sql: "SELECT id, at FROM message WHERE external_id = ?", arguments: [externalID]) {
                // Sent before with this key (a retry after a crash or a double press): store nothing new.
                let message = try messageRow(db, id: existing[0])
                return SentReply(message: message, ticket: ticket, settled: [], wasDuplicate: true)
            }
            if let seen = reply.seenThrough {
                let newer = try Int64.fetchAll(db, sql: "SELECT id FROM message WHERE ticket_id = ? AND id > ? ORDER BY id",
                                               arguments: [ticket.id, seen])
                if !newer.isEmpty { throw ReplyCollision(ticketID: ticket.id, arrived: try newer.map { try messageRow(db, id: $0) }) }
            }
            let outcomesBefore = try Int.fetchOne(db, sql: "SELECT count(*) FROM deadline_outcome WHERE ticket_id = ?", arguments: [ticket.id]) ?? 0
            try db.execute(sql: """
                INSERT INTO message (ticket_id, external_id, direction, author, recipient, at, subject, body, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
                """, arguments: [
                    ticket.id, externalID, reply.direction.rawValue, reply.author,
                    reply.direction == .note ? "" : ticket.customerAddress, now.timeIntervalSince1970,
                    reply.direction == .note ? "" : ReplySubject.of(ticket.subject), body,
                ])
            let messageID = db.lastInsertedRowID
            if reply.direction == .outbound {
                // A reply after a follow-up's time is the follow-up done (before the clocks are written).
                try FollowUpRows.endDue(db, ticketID: ticket.id, by: FollowUpRows.doneByReply, now: now)
            }
            try MessageEffects.apply(db, ticketID: ticket.id, direction: reply.direction, at: now,
                                     body: body, order: nil, language: nil, policy: policy)
            if reply.direction == .outbound {
                try db.execute(sql: """
                    INSERT INTO outbox (message_id, ticket_id, idempotency_key, state, created_at, updated_at)
                    VALUES (?, ?, ?, 'queued', ?, ?)
                    """, arguments: [messageID, ticket.id, reply.idempotencyKey, now.timeIntervalSince1970, now.timeIntervalSince1970])
                try Self.recordAttachments(db, outboxID: db.lastInsertedRowID, evidenceIDs: reply.attachEvidence)
                try db.execute(sql: "DELETE FROM draft WHERE ticket_id = ?", arguments: [ticket.id])
            }
            let settled = Array(try DeadlineOutcomes.fetch(db, ticketID: ticket.id).dropFirst(outcomesBefore))
            return SentReply(
                message: try messageRow(db, id: messageID), ticket: try TicketRow.fetchOne(db, id: ticket.id)!,
                settled: settled, wasDuplicate: false)
        }
    }

    private func messageRow(_ db: Database, id: Int64) throws -> Message {
        let row = try Row.fetchOne(db, sql: """
            SELECT id, ticket_id, external_id, direction, author, recipient, at, subject, body, language
            FROM message WHERE id = ?
            """, arguments: [id])!
        return Message(
            id: row[0], ticketID: row[1], externalID: row[2], direction: MessageDirection(rawValue: row[3]) ?? .outbound,
            author: row[4], recipient: row[5], at: Date(timeIntervalSince1970: row[6]), subject: row[7],
            body: row[8], language: row[9])
    }

    /// Replies waiting in the outbox, oldest first (delivery comes in a later step).
    public func outbox(limit: Int = 100) throws -> [(idempotencyKey: String, ticketID: Int64, state: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT idempotency_key, ticket_id, state FROM outbox ORDER BY id LIMIT ?", arguments: [limit])
                .map { ($0[0], $0[1], $0[2]) }
        }
    }
}
