import Foundation
import GRDB
import KefuCore

/// Queues notices (`NoticeStore`): each batch of `noticeBatchSize` is one transaction that
/// looks up which keys are already stored in one query, then writes per notice a ticket (the
/// same `TicketDraft` rules as a reply), its message and its outbox row with cached
/// statements. A crash loses at most the batch being written, and that batch is all or nothing.
extension SQLiteTicketStore: NoticeStore {
    public func noticeRecipients(_ selection: NoticeSelection) throws -> [NoticeRecipient] {
        try pool.read { db in try NoticeRecipientRows.select(db, selection) }
    }

    public func queueNotices(_ notices: [Notice], pace: NoticePace, now: Date, progress: (NoticeQueueSummary) -> Void) throws -> NoticeQueueSummary {
        try NoticeQueueSummary.inBatches(notices, size: noticeBatchSize, progress: progress) { batch in
            try pool.write { db in try NoticeWriter.write(db, batch, pace: pace, now: now, policy: policy) }
        }
    }

    public func optOut(customerID: Int64, at: Date) throws {
        try pool.write { db in try NoticeOptOuts.mark(db, customerID: customerID, at: at) }
    }
}

enum NoticeWriter {
    static func write(
        _ db: Database, _ batch: ArraySlice<Notice>, pace: NoticePace, now: Date, policy: any DeadlinePolicy
    ) throws -> NoticeQueueSummary {
        var summary = NoticeQueueSummary()
        let stored = try Set(String.fetchAll(db.cachedStatement(sql: """
            SELECT conversation FROM ticket WHERE conversation IN (SELECT value FROM json_each(?))
            """), arguments: [JSONArray.of(batch.map(\.key))]))
        var nextID = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM ticket") ?? 0) + 1
        var last: [Channel: Double] = [:]
        var lookedUp = Set<Channel>()
        let at = now.timeIntervalSince1970
        let message = try db.cachedStatement(sql: """
            INSERT INTO message (ticket_id, external_id, direction, author, recipient, at, subject, body, language)
            VALUES (?, ?, 'out', ?, ?, ?, ?, ?, ?)
            """)
        let outbox = try db.cachedStatement(sql: """
            INSERT INTO outbox (message_id, ticket_id, idempotency_key, state, created_at, updated_at, not_before)
            VALUES (?, ?, ?, 'queued', ?, ?, ?)
            """)
        let link = try db.cachedStatement(sql: "UPDATE ticket SET customer_id = ? WHERE id = ?")
        for notice in batch {
            guard !stored.contains(notice.key),
                  try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM message WHERE external_id = ?"),
                                   arguments: ["kefu-" + notice.key]) == nil
            else {
                summary.alreadyQueued += 1
                continue
            }
            if lookedUp.insert(notice.channel).inserted, let found = try lastWaiting(db, channel: notice.channel) {
                last[notice.channel] = found
            }
            let notBefore = pace.next(after: last[notice.channel], channel: notice.channel, now: at)
            last[notice.channel] = notBefore
            let id = nextID
            nextID += 1
            var draft = TicketDraft(
                clock: TicketClockState(
                    id: id, channel: notice.channel, marketplace: notice.marketplace, status: .open, awaitingSince: nil,
                    hasReplied: false, lastOutboundAt: nil, language: notice.language, kind: .message,
                    tags: ["notice"], segment: try CustomerLinker.segment(db, customer: notice.customerID), openedAt: nil, holds: []),
                conversation: notice.key, customerName: notice.customerName, customerAddress: notice.address,
                subject: notice.subject, snippet: Snippet.of(notice.body), orderID: notice.orderID, lastFrom: .agent, lastMessageAt: at)
            draft.isNew = true
            let ended = draft.apply(direction: .outbound, at: now, body: notice.body, order: notice.orderID, language: nil,
                                    policy: policy, storedInboundAfter: { _ in nil })
            // Nothing waits for an answer: a customer's reply opens it again.
            draft.clock.status = .solved
            try draft.write(db, policy: policy)
            try link.execute(arguments: [notice.customerID, id])
            try message.execute(arguments: [id, "kefu-" + notice.key, notice.author, notice.address, at, notice.subject, notice.body,
                                            notice.language])
            let messageID = db.lastInsertedRowID
            try outbox.execute(arguments: [messageID, id, notice.key, at, at, notBefore])
            for clock in ended.ended {
                try DeadlineOutcomes.insert(db, ticketID: id, clock: clock, facts: ended.facts, settledAt: now, policy: policy)
            }
            summary.queued += 1
            let time = Date(timeIntervalSince1970: notBefore)
            summary.firstAt = summary.firstAt ?? time
            summary.lastAt = time
        }
        return summary
    }

    /// The latest "not before" of the channel's notices (sent ones' are in the past anyway).
    static func lastWaiting(_ db: Database, channel: Channel) throws -> Double? {
        try Double.fetchOne(db.cachedStatement(sql: """
            SELECT o.not_before FROM outbox o JOIN ticket t ON t.id = o.ticket_id
            WHERE o.not_before IS NOT NULL AND t.channel = ? ORDER BY o.not_before DESC LIMIT 1
            """), arguments: [channel.rawValue])
    }
}
