import Foundation
import GRDB
import KefuCore

/// Delivery's view of the outbox: which rows wait, and the state changes of a handoff. Every
/// change is its own transaction (synchronous=FULL), so a state read back after a crash is
/// what was last committed.
extension SQLiteTicketStore: OutboxStore {
    static let outboxSelect = """
        SELECT o.id, o.message_id, o.ticket_id, o.idempotency_key, o.state, o.attempts, o.last_error, o.mail_message_id,
               o.created_at, o.updated_at, o.handed_over_at, o.route,
               m.body, m.author, t.customer_name, t.customer_address, t.subject, t.conversation, t.channel, t.marketplace,
               t.order_id, m.at, o.retry_at, o.lease_until
        FROM outbox o JOIN message m ON m.id = o.message_id JOIN ticket t ON t.id = o.ticket_id
        """

    /// Rows in the given states, oldest first.
    public func outboxEntries(states: [OutboxEntry.State], limit: Int) throws -> [OutboxEntry] {
        try pool.read { db in
            let marks = states.map { _ in "?" }.joined(separator: ", ")
            var arguments = StatementArguments(states.map(\.rawValue))
            arguments += [limit]
            return try Row.fetchAll(db, sql: Self.outboxSelect + " WHERE o.state IN (\(marks)) ORDER BY o.id LIMIT ?", arguments: arguments)
                .map { try Self.outboxEntry(db, $0) }
        }
    }

    public func outboxEntry(id: Int64) throws -> OutboxEntry? {
        try pool.read { db in
            try Row.fetchOne(db, sql: Self.outboxSelect + " WHERE o.id = ?", arguments: [id]).map { try Self.outboxEntry(db, $0) }
        }
    }

    static func outboxEntry(_ db: Database, _ row: Row) throws -> OutboxEntry {
        let ticketID: Int64 = row[2]
        let replyAt: Double = row[21]
        // Mail of this conversation before the reply: the customer's (mail_origin) and Kefu's own replies.
        let thread = try Row.fetchAll(db, sql: """
            SELECT m.external_id, m.direction, o.mail_message_id, (mo.message_id IS NOT NULL)
            FROM message m LEFT JOIN mail_origin mo ON mo.message_id = m.id LEFT JOIN outbox o ON o.message_id = m.id
            WHERE m.ticket_id = ? AND m.at <= ? AND m.id != ? AND (mo.message_id IS NOT NULL OR o.id IS NOT NULL)
            ORDER BY m.at, m.id
            """, arguments: [ticketID, replyAt, row[1] as Int64])
        var references: [String] = []
        var inReplyTo: String?
        for message in thread {
            let fromMail: Bool = message[3]
            let id: String? = fromMail ? message[0] : message[2]
            guard let id, !id.hasPrefix("content-"), id.contains("@") else { continue }
            references.append(id)
            if fromMail && (message[1] as String) == MessageDirection.inbound.rawValue { inReplyTo = id }
        }
        let isMail = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM message m JOIN mail_origin mo ON mo.message_id = m.id WHERE m.ticket_id = ?)
            """, arguments: [ticketID]) ?? false
        let channel = Channel(rawValue: row[18]) ?? .email
        return OutboxEntry(
            id: row[0], messageID: row[1], ticketID: ticketID, idempotencyKey: row[3],
            state: OutboxEntry.State(rawValue: row[4]) ?? .queued, attempts: row[5], lastError: row[6],
            mailMessageID: row[7] ?? "kefu.\(row[0] as Int64)@kefu.invalid",
            queuedAt: Date(timeIntervalSince1970: row[8]), updatedAt: Date(timeIntervalSince1970: row[9]),
            handedOverAt: (row[10] as Double?).map(Date.init(timeIntervalSince1970:)), route: row[11],
            body: row[12], author: row[13], customerName: row[14], customerAddress: row[15], ticketSubject: row[16],
            conversation: row[17], channel: channel,
            marketplace: Marketplace(rawValue: row[19]) ?? .other, orderID: row[20],
            isMailConversation: isMail || Notice.goesByMail(conversation: row[17], channel: channel),
            inReplyTo: inReplyTo, references: references, attachments: try attachments(db, outboxID: row[0]),
            retryAt: (row[22] as Double?).map(Date.init(timeIntervalSince1970:)),
            leaseUntil: (row[23] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    /// Whether the reply with this Message-ID was handed over (`sent`, or `bounced` since): a look-up by the outbox row the id names.
    public func isOutboxSent(mailMessageID: String) throws -> Bool {
        guard let id = OutboxMessageID.outboxID(of: mailMessageID) else { return false }
        return try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT state IN ('sent', 'bounced') FROM outbox WHERE id = ? AND mail_message_id = ?",
                              arguments: [id, mailMessageID]) ?? false
        }
    }

    /// One write transaction picks and leases the row: SQLite has one writer at a time, so two
    /// deliverers' claims simply run one after the other.
    public func claimNextDue(rule: OutboxClaimRule, now: Date) throws -> OutboxClaim? {
        let token = OutboxLease.newToken(holder: rule.holder)
        let until = now.addingTimeInterval(rule.leaseSeconds)
        let claimed: Int64? = try pool.write { db in
            guard let id = try Int64.fetchOne(db, sql: """
                SELECT id FROM outbox
                WHERE state IN ('queued', 'sending', 'failed')
                  AND (lease_until IS NULL OR lease_until <= ?)
                  AND (state != 'failed' OR updated_at < ? OR (attempts < ? AND coalesce(retry_at, 0) <= ?))
                  AND coalesce(not_before, 0) <= ?
                ORDER BY id LIMIT 1
                """, arguments: [now.timeIntervalSince1970, rule.retryFailedBefore.timeIntervalSince1970, rule.maximumAttempts,
                                 now.timeIntervalSince1970, now.timeIntervalSince1970])
            else { return nil }
            try db.execute(sql: "UPDATE outbox SET lease_token = ?, lease_until = ? WHERE id = ?",
                           arguments: [token, until.timeIntervalSince1970, id])
            return id
        }
        guard let claimed, let entry = try outboxEntry(id: claimed) else { return nil }
        return OutboxClaim(lease: OutboxLease(outboxID: claimed, token: token, until: until), entry: entry)
    }

    /// Commits `sending` (and one more attempt) before anything is handed over, while the lease
    /// is still this claim's and the reply is not sent.
    public func beginHandoff(_ lease: OutboxLease, route: String, leaseSeconds: Double, now: Date) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'sending', attempts = attempts + 1, route = ?, updated_at = ?, lease_until = ?
                WHERE id = ? AND lease_token = ? AND state IN ('queued', 'sending', 'failed')
                """, arguments: [route, now.timeIntervalSince1970, now.timeIntervalSince1970 + leaseSeconds, lease.outboxID, lease.token])
            return db.changesCount == 1
        }
    }

    /// The handoff is confirmed (journal written, or the line is in the JSON Lines file).
    public func markSent(id: Int64, route: String, now: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'sent', route = ?, handed_over_at = coalesce(handed_over_at, ?), updated_at = ?, last_error = NULL,
                    lease_token = NULL, lease_until = NULL, retry_at = NULL
                WHERE id = ?
                """, arguments: [route, now.timeIntervalSince1970, now.timeIntervalSince1970, id])
        }
    }

    /// The handoff failed and nothing was handed over; due again at `retryAt`.
    public func markFailed(_ lease: OutboxLease, reason: String, retryAt: Date, now: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ?, retry_at = ?, lease_token = NULL, lease_until = NULL
                WHERE id = ? AND lease_token = ? AND state NOT IN ('sent', 'bounced')
                """, arguments: [String(reason.prefix(500)), now.timeIntervalSince1970, retryAt.timeIntervalSince1970, lease.outboxID, lease.token])
        }
    }

    public func releaseLease(_ lease: OutboxLease) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE outbox SET lease_token = NULL, lease_until = NULL WHERE id = ? AND lease_token = ?",
                           arguments: [lease.outboxID, lease.token])
        }
    }

    public func liveOutboxLeases(now: Date) throws -> [OutboxLease] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, lease_token, lease_until FROM outbox
                WHERE state IN ('queued', 'sending', 'failed') AND lease_token IS NOT NULL AND lease_until > ?
                """, arguments: [now.timeIntervalSince1970]).map {
                OutboxLease(outboxID: $0[0], token: $0[1], until: Date(timeIntervalSince1970: $0[2]))
            }
        }
    }

    public func outboxIDsWaitingToRetry(maximumAttempts: Int, now: Date) throws -> [Int64] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM outbox WHERE state = 'failed' AND NOT (attempts < ? AND coalesce(retry_at, 0) <= ?)
                """, arguments: [maximumAttempts, now.timeIntervalSince1970])
        }
    }
}
