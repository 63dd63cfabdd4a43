import Foundation
import KefuCore

/// The outbox on PostgreSQL, shared by deliverers on many machines. A claim leases the oldest
/// due reply with `FOR UPDATE SKIP LOCKED`, so deliverers claiming at the same moment each
/// take a different row instead of queueing behind one another; the lease (token, expiry) is
/// what keeps the reply theirs after the claim's transaction ends.
extension PostgresTicketStore: OutboxStore {
    static let outboxSelect = """
        SELECT o.id, o.message_id, o.ticket_id, o.idempotency_key, o.state, o.attempts, o.last_error, o.mail_message_id,
               o.created_at, o.updated_at, o.handed_over_at, o.route,
               m.body, m.author, t.customer_name, t.customer_address, t.subject, t.conversation, t.channel, t.marketplace,
               t.order_id, m.at, o.retry_at, o.lease_until
        FROM outbox o JOIN message m ON m.id = o.message_id JOIN ticket t ON t.id = o.ticket_id
        """

    public func outboxEntries(states: [OutboxEntry.State], limit: Int) throws -> [OutboxEntry] {
        try session.transaction(readOnlySnapshot: true) { tx in
            // The states are the enum's own words, never user text.
            let listed = states.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let rows = try tx.query(Self.outboxSelect + " WHERE o.state IN (\(listed.isEmpty ? "NULL" : listed)) ORDER BY o.id LIMIT $1",
                                    [.int(Int64(limit))])
            return try Self.outboxEntries(tx, rows)
        }
    }

    public func outboxEntry(id: Int64) throws -> OutboxEntry? {
        try session.transaction(readOnlySnapshot: true) { tx in
            try Self.outboxEntries(tx, try tx.query(Self.outboxSelect + " WHERE o.id = $1", [.int(id)])).first
        }
    }

    /// The same reading as the SQLite store's: the thread's Message-IDs (customer mail and
    /// Kefu's earlier replies) give In-Reply-To and References. Three queries for the whole
    /// list, not three per reply: on a server across the network each round trip is the cost.
    static func outboxEntries(_ tx: PostgresTransaction, _ rows: [PostgresResultRow]) throws -> [OutboxEntry] {
        guard !rows.isEmpty else { return [] }
        let ticketIDs = Array(Set(try rows.map { try $0.int(2) }))
        var threads: [Int64: [ThreadMessage]] = [:]
        for message in try tx.query("""
            SELECT m.ticket_id, m.id, m.at, m.external_id, m.direction, o.mail_message_id, (mo.message_id IS NOT NULL)
            FROM message m LEFT JOIN mail_origin mo ON mo.message_id = m.id LEFT JOIN outbox o ON o.message_id = m.id
            WHERE m.ticket_id = ANY($1) AND (mo.message_id IS NOT NULL OR o.id IS NOT NULL)
            ORDER BY m.ticket_id, m.at, m.id
            """, [.ints(ticketIDs)]) {
            threads[try message.int(0), default: []].append(ThreadMessage(
                id: try message.int(1), at: try message.double(2), externalID: try message.string(3), direction: try message.string(4),
                replyMessageID: try message.optionalString(5), fromMail: try message.bool(6)))
        }
        var attachments: [Int64: [OutboxAttachment]] = [:]
        for attachment in try tx.query("""
            SELECT a.outbox_id, a.evidence_id, a.sha256, a.filename, a.content_type, a.size,
                   EXISTS (SELECT 1 FROM evidence e WHERE e.id = a.evidence_id AND e.sha256 = a.sha256)
            FROM outbox_attachment a WHERE a.outbox_id = ANY($1) ORDER BY a.outbox_id, a.position
            """, [.ints(try rows.map { try $0.int(0) })]) {
            attachments[try attachment.int(0), default: []].append(OutboxAttachment(
                evidenceID: try attachment.string(1), sha256: try attachment.string(2), filename: try attachment.string(3),
                contentType: try attachment.string(4), size: try attachment.int(5), stillRecorded: try attachment.bool(6)))
        }
        return try rows.map { row in
            let id = try row.int(0)
            let messageID = try row.int(1)
            let ticketID = try row.int(2)
            let at = try row.double(21)
            let thread = threads[ticketID] ?? []
            var references: [String] = []
            var inReplyTo: String?
            for message in thread where message.at <= at && message.id != messageID {
                let reference = message.fromMail ? message.externalID : message.replyMessageID
                guard let reference, !reference.hasPrefix("content-"), reference.contains("@") else { continue }
                references.append(reference)
                if message.fromMail && message.direction == MessageDirection.inbound.rawValue { inReplyTo = reference }
            }
            return OutboxEntry(
                id: id, messageID: messageID, ticketID: ticketID, idempotencyKey: try row.string(3),
                state: OutboxEntry.State(rawValue: try row.string(4)) ?? .queued, attempts: Int(try row.int(5)),
                lastError: try row.optionalString(6), mailMessageID: try row.optionalString(7) ?? "kefu.\(id)@kefu.invalid",
                queuedAt: try row.date(8), updatedAt: try row.date(9), handedOverAt: try row.optionalDate(10), route: try row.optionalString(11),
                body: try row.string(12), author: try row.string(13), customerName: try row.string(14), customerAddress: try row.string(15),
                ticketSubject: try row.string(16), conversation: try row.string(17), channel: Channel(rawValue: try row.string(18)) ?? .email,
                marketplace: Marketplace(rawValue: try row.string(19)) ?? .other, orderID: try row.optionalString(20),
                isMailConversation: try thread.contains { $0.fromMail }
                    || Notice.goesByMail(conversation: row.string(17), channel: Channel(rawValue: row.string(18)) ?? .email), inReplyTo: inReplyTo, references: references,
                attachments: attachments[id] ?? [], retryAt: try row.optionalDate(22), leaseUntil: try row.optionalDate(23))
        }
    }

    /// A message of a thread that carries a Message-ID: customer mail, or one of Kefu's replies.
    struct ThreadMessage {
        var id: Int64
        var at: Double
        var externalID: String
        var direction: String
        var replyMessageID: String?
        var fromMail: Bool
    }

    public func isOutboxSent(mailMessageID: String) throws -> Bool {
        guard let id = OutboxMessageID.outboxID(of: mailMessageID) else { return false }
        return try session.query("SELECT state IN ('sent', 'bounced') FROM outbox WHERE id = $1 AND mail_message_id = $2",
                                 [.int(id), .text(mailMessageID)]).first?.bool(0) ?? false
    }

    /// Rows another claimer has locked are skipped, not waited for. Under READ COMMITTED a row
    /// leased by a claim that committed after this statement began is re-checked and dropped,
    /// which can leave the statement with no row although others are due: then it is tried
    /// again (a few times) while an unleased due row exists.
    public func claimNextDue(rule: OutboxClaimRule, now: Date) throws -> OutboxClaim? {
        let token = OutboxLease.newToken(holder: rule.holder)
        let until = now.addingTimeInterval(rule.leaseSeconds)
        let due = """
            state <> 'sent' AND state <> 'bounced' AND (lease_until IS NULL OR lease_until <= $1)
            AND (state <> 'failed' OR updated_at < $2 OR (attempts < $3 AND coalesce(retry_at, 0) <= $1))
            AND coalesce(not_before, 0) <= $1
            """
        let values: [PostgresValue] = [
            .double(now.timeIntervalSince1970), .double(rule.retryFailedBefore.timeIntervalSince1970), .int(Int64(rule.maximumAttempts)),
        ]
        for _ in 0..<5 {
            let claimed = try session.query("""
                UPDATE outbox SET lease_token = $4, lease_until = $5
                WHERE id = (SELECT id FROM outbox WHERE \(due) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id
                """, values + [.text(token), .double(until.timeIntervalSince1970)])
            if let id = try claimed.first?.int(0) {
                guard let entry = try outboxEntry(id: id) else { return nil }
                return OutboxClaim(lease: OutboxLease(outboxID: id, token: token, until: until), entry: entry)
            }
            guard try session.query("SELECT EXISTS (SELECT 1 FROM outbox WHERE \(due))", values)[0].bool(0) else { return nil }
        }
        return nil
    }

    public func beginHandoff(_ lease: OutboxLease, route: String, leaseSeconds: Double, now: Date) throws -> Bool {
        try !session.query("""
            UPDATE outbox SET state = 'sending', attempts = attempts + 1, route = $1, updated_at = $2, lease_until = $3
            WHERE id = $4 AND lease_token = $5 AND state <> 'sent' AND state <> 'bounced' RETURNING id
            """, [.text(route), .double(now.timeIntervalSince1970), .double(now.timeIntervalSince1970 + leaseSeconds),
                  .int(lease.outboxID), .text(lease.token)]).isEmpty
    }

    public func markSent(id: Int64, route: String, now: Date) throws {
        try session.query("""
            UPDATE outbox SET state = 'sent', route = $1, handed_over_at = coalesce(handed_over_at, $2), updated_at = $2, last_error = NULL,
                lease_token = NULL, lease_until = NULL, retry_at = NULL
            WHERE id = $3
            """, [.text(route), .double(now.timeIntervalSince1970), .int(id)])
    }

    public func markFailed(_ lease: OutboxLease, reason: String, retryAt: Date, now: Date) throws {
        try session.query("""
            UPDATE outbox SET state = 'failed', last_error = $1, updated_at = $2, retry_at = $3, lease_token = NULL, lease_until = NULL
            WHERE id = $4 AND lease_token = $5 AND state <> 'sent' AND state <> 'bounced'
            """, [.text(String(reason.prefix(500))), .double(now.timeIntervalSince1970), .double(retryAt.timeIntervalSince1970),
                  .int(lease.outboxID), .text(lease.token)])
    }

    public func releaseLease(_ lease: OutboxLease) throws {
        try session.query("UPDATE outbox SET lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2",
                          [.int(lease.outboxID), .text(lease.token)])
    }

    public func liveOutboxLeases(now: Date) throws -> [OutboxLease] {
        try session.query("""
            SELECT id, lease_token, lease_until FROM outbox WHERE state <> 'sent' AND state <> 'bounced' AND lease_token IS NOT NULL AND lease_until > $1
            """, [.double(now.timeIntervalSince1970)]).map {
            OutboxLease(outboxID: try $0.int(0), token: try $0.string(1), until: try $0.date(2))
        }
    }

    public func outboxIDsWaitingToRetry(maximumAttempts: Int, now: Date) throws -> [Int64] {
        try session.query("""
            SELECT id FROM outbox WHERE state = 'failed' AND NOT (attempts < $1 AND coalesce(retry_at, 0) <= $2)
            """, [.int(Int64(maximumAttempts)), .double(now.timeIntervalSince1970)]).map { try $0.int(0) }
    }
}
