import Foundation
import GRDB
import KefuCore

/// A queued reply with everything delivery needs to hand it over, read from the outbox row,
/// its message and its ticket.
public struct OutboxEntry: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable {
        case queued, sending, sent, failed
    }

    public var id: Int64
    public var messageID: Int64
    public var ticketID: Int64
    public var idempotencyKey: String
    public var state: State
    public var attempts: Int
    public var lastError: String?
    /// The RFC 5322 Message-ID, fixed when the row was queued (without brackets).
    public var mailMessageID: String
    public var queuedAt: Date
    public var updatedAt: Date
    public var handedOverAt: Date?
    /// `email`, `jsonl` or `command` once delivery chose; nil before.
    public var route: String?

    // The reply and where it goes.
    public var body: String
    public var author: String
    public var customerName: String
    public var customerAddress: String
    public var ticketSubject: String
    public var conversation: String
    public var channel: Channel
    public var marketplace: Marketplace
    public var orderID: String?
    /// True when the conversation came in as mail, so the reply goes out as mail.
    public var isMailConversation: Bool
    /// The Message-ID answered (the newest mail from the customer before the reply).
    public var inReplyTo: String?
    /// The thread's Message-IDs, oldest first (customer mail and earlier replies).
    public var references: [String]
    /// Evidence the agent asked to send with the reply (Ctrl-O in the composer).
    public var attachments: [OutboxAttachment] = []
}

/// Delivery's view of the outbox: which rows wait, and the state changes of a handoff. Every
/// change is its own transaction (synchronous=FULL), so a state read back after a crash is
/// what was last committed.
extension SQLiteTicketStore {
    static let outboxSelect = """
        SELECT o.id, o.message_id, o.ticket_id, o.idempotency_key, o.state, o.attempts, o.last_error, o.mail_message_id,
               o.created_at, o.updated_at, o.handed_over_at, o.route,
               m.body, m.author, t.customer_name, t.customer_address, t.subject, t.conversation, t.channel, t.marketplace,
               t.order_id, m.at
        FROM outbox o JOIN message m ON m.id = o.message_id JOIN ticket t ON t.id = o.ticket_id
        """

    /// Rows in the given states, oldest first.
    public func outboxEntries(states: [OutboxEntry.State] = OutboxEntry.State.allCases, limit: Int = 10_000) throws -> [OutboxEntry] {
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
        return OutboxEntry(
            id: row[0], messageID: row[1], ticketID: ticketID, idempotencyKey: row[3],
            state: OutboxEntry.State(rawValue: row[4]) ?? .queued, attempts: row[5], lastError: row[6],
            mailMessageID: row[7] ?? "kefu.\(row[0] as Int64)@kefu.invalid",
            queuedAt: Date(timeIntervalSince1970: row[8]), updatedAt: Date(timeIntervalSince1970: row[9]),
            handedOverAt: (row[10] as Double?).map(Date.init(timeIntervalSince1970:)), route: row[11],
            body: row[12], author: row[13], customerName: row[14], customerAddress: row[15], ticketSubject: row[16],
            conversation: row[17], channel: Channel(rawValue: row[18]) ?? .email,
            marketplace: Marketplace(rawValue: row[19]) ?? .other, orderID: row[20], isMailConversation: isMail,
            inReplyTo: inReplyTo, references: references, attachments: try attachments(db, outboxID: row[0]))
    }

    /// Whether the reply with this Message-ID is `sent`. Kefu's Message-IDs carry their outbox
    /// row (`kefu.<id>.<random>@domain`), so this is a look-up by key; any other id is not ours
    /// and counts as not sent.
    public func isOutboxSent(mailMessageID: String) throws -> Bool {
        let parts = mailMessageID.split(separator: ".", maxSplits: 2)
        guard parts.count == 3, parts[0] == "kefu", let id = Int64(parts[1]) else { return false }
        return try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT state = 'sent' FROM outbox WHERE id = ? AND mail_message_id = ?",
                              arguments: [id, mailMessageID]) ?? false
        }
    }

    /// Claims a row for a handoff: state `sending` and one more attempt, committed before
    /// anything is handed over. Only rows not yet sent can be claimed; false when another
    /// process sent it meanwhile.
    public func claimForSending(id: Int64, route: String, now: Date) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'sending', attempts = attempts + 1, route = ?, updated_at = ?
                WHERE id = ? AND state IN ('queued', 'sending', 'failed')
                """, arguments: [route, now.timeIntervalSince1970, id])
            return db.changesCount == 1
        }
    }

    /// The handoff is confirmed (journal written, or the line is in the JSON Lines file).
    public func markSent(id: Int64, route: String, now: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'sent', route = ?, handed_over_at = coalesce(handed_over_at, ?), updated_at = ?, last_error = NULL
                WHERE id = ?
                """, arguments: [route, now.timeIntervalSince1970, now.timeIntervalSince1970, id])
        }
    }

    /// The handoff failed and nothing was handed over; a later pass retries.
    public func markFailed(id: Int64, reason: String, now: Date) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ? AND state != 'sent'",
                           arguments: [String(reason.prefix(500)), now.timeIntervalSince1970, id])
        }
    }
}
