import Foundation
import KefuCore

/// Notices on PostgreSQL (`NoticeStore`), with the SQLite store's rules: the recipients of a
/// selection in one statement (lateral joins for each one's newest conversation, order and
/// parcel), and each batch of `noticeBatchSize` queued in one transaction with multi-row
/// inserts for the messages and outbox rows.
extension PostgresTicketStore: NoticeStore {
    /// Migration 19 (SQLite's v16-notify): opted-out customers and the outbox's "not before".
    static let version19Notify = """
        ALTER TABLE customer ADD COLUMN opted_out_at double precision;
        ALTER TABLE outbox ADD COLUMN not_before double precision;
        CREATE INDEX outbox_not_before ON outbox(not_before) WHERE not_before IS NOT NULL;
        """

    public func noticeRecipients(_ selection: NoticeSelection) throws -> [NoticeRecipient] {
        let chosen: String
        var values: [PostgresValue] = []
        switch selection {
        case .segment(let name):
            chosen = """
                SELECT c.id AS customer_id, (SELECT o.id FROM orders o WHERE o.customer_id = c.id ORDER BY o.placed_at DESC, o.id DESC LIMIT 1) AS order_id,
                       false AS by_order, c.id AS ord
                FROM customer c WHERE c.merged_into IS NULL AND c.segment = $1
                """
            values = [.text(name)]
        case .filter(let text):
            let words = text.trimmingCharacters(in: .whitespaces).lowercased().split(separator: " ").map(String.init)
            chosen = """
                SELECT c.id AS customer_id, (SELECT o.id FROM orders o WHERE o.customer_id = c.id ORDER BY o.placed_at DESC, o.id DESC LIMIT 1) AS order_id,
                       false AS by_order, c.id AS ord
                FROM customer c WHERE c.merged_into IS NULL AND c.id IN (
                    SELECT t.customer_id FROM ticket t WHERE t.status = 'open'
                      AND NOT EXISTS (SELECT 1 FROM unnest($1::text[]) AS w(word) WHERE strpos(t.search_text, w.word) = 0))
                """
            values = [.texts(words)]
        case .carrier(let carrier, let from, let until):
            chosen = """
                SELECT o.customer_id, o.id AS order_id, true AS by_order, row_number() OVER (ORDER BY o.id) AS ord
                FROM orders o WHERE o.customer_id IS NOT NULL AND o.id IN (
                    SELECT p.order_id FROM parcel p WHERE lower(p.carrier) = lower($1) AND p.shipped_at >= $2 AND p.shipped_at < $3)
                """
            values = [.text(carrier.trimmingCharacters(in: .whitespaces)), .double(from.timeIntervalSince1970), .double(until.timeIntervalSince1970)]
        case .orders(let ids):
            chosen = """
                SELECT o.customer_id, o.id AS order_id, true AS by_order, min(u.ord) AS ord
                FROM unnest($1::text[]) WITH ORDINALITY AS u(id, ord) JOIN orders o ON o.id = u.id
                WHERE o.customer_id IS NOT NULL GROUP BY o.customer_id, o.id
                """
            values = [.texts(ids)]
        }
        let rows = try session.transaction(readOnlySnapshot: true) { tx in
            try tx.query("""
                WITH chosen AS (\(chosen))
                SELECT s.customer_id, s.order_id, s.by_order, c.display_name, c.language, c.opted_out_at,
                       t.customer_name, t.customer_address, t.marketplace, t.language,
                       o.marketplace, o.customer_name, o.buyer_email,
                       p.tracking_number, p.carrier, p.shipped_at, p.replaces, k.address
                FROM chosen s JOIN customer c ON c.id = s.customer_id
                LEFT JOIN LATERAL (
                    SELECT customer_name, customer_address, marketplace, language FROM ticket
                    WHERE customer_id = s.customer_id AND customer_address <> '' ORDER BY last_message_at DESC LIMIT 1) t ON true
                LEFT JOIN orders o ON o.id = s.order_id
                LEFT JOIN LATERAL (
                    SELECT tracking_number, carrier, shipped_at, replaces FROM parcel
                    WHERE order_id = s.order_id ORDER BY shipped_at DESC, id DESC LIMIT 1) p ON true
                LEFT JOIN LATERAL (
                    SELECT substr(key, 7) AS address FROM customer_key
                    WHERE customer_id = s.customer_id AND key LIKE 'email:%' ORDER BY added_at DESC LIMIT 1) k ON true
                ORDER BY s.ord
                """, values)
        }
        return try rows.map { row in
            let customerID = try row.int(0)
            let orderID = try row.optionalString(1)
            var address = try row.optionalString(7) ?? ""
            if address.isEmpty { address = try row.optionalString(12) ?? "" }
            if address.isEmpty { address = try row.optionalString(17) ?? "" }
            let parcel = try row.optionalString(13).map { number in
                Parcel(trackingNumber: number, carrier: try row.string(14), shippedAt: try row.date(15), replaces: try row.optionalString(16))
            }
            return NoticeRecipient(
                key: try row.bool(2) ? .order(orderID!) : .customer(customerID), customerID: customerID,
                name: try row.optionalString(6) ?? row.optionalString(11) ?? row.string(3),
                language: try row.optionalString(4) ?? row.optionalString(9), address: address,
                marketplace: Marketplace(rawValue: try row.optionalString(10) ?? row.optionalString(8) ?? "") ?? .other,
                orderID: orderID, parcel: parcel, optedOutAt: try row.optionalDate(5))
        }
    }

    public func queueNotices(_ notices: [Notice], pace: NoticePace, now: Date, progress: (NoticeQueueSummary) -> Void) throws -> NoticeQueueSummary {
        try NoticeQueueSummary.inBatches(notices, size: noticeBatchSize, progress: progress) { batch in
            try session.transaction { tx in try self.queueNoticeBatch(tx, batch, pace: pace, now: now) }
        }
    }

    private func queueNoticeBatch(_ tx: PostgresTransaction, _ batch: ArraySlice<Notice>, pace: NoticePace, now: Date) throws -> NoticeQueueSummary {
        // New conversations are opened by one writer at a time, as ingest does.
        try tx.query("SELECT pg_advisory_xact_lock(7238002)")
        var summary = NoticeQueueSummary()
        let stored = Set(try tx.query("""
            SELECT conversation FROM ticket WHERE conversation IN (SELECT jsonb_array_elements_text($1::jsonb))
            """, [.text(JSONArray.of(batch.map(\.key)))]).map { try $0.string(0) })
        let fresh = batch.filter { !stored.contains($0.key) }
        summary.alreadyQueued = batch.count - fresh.count
        guard !fresh.isEmpty else { return summary }
        var ids = try tx.query("SELECT nextval('ticket_id_seq') FROM generate_series(1, $1) ORDER BY 1 DESC",
                               [.int(Int64(fresh.count))]).map { try $0.int(0) }
        let segments = Dictionary(try tx.query("SELECT id, segment FROM customer WHERE id = ANY($1::bigint[])",
                                               [.ints(Array(Set(fresh.map(\.customerID))))]).map { (try $0.int(0), try $0.optionalString(1)) },
                                  uniquingKeysWith: { a, _ in a })
        var last: [Channel: Double] = [:]
        var lookedUp = Set<Channel>()
        let at = now.timeIntervalSince1970
        var written: [(notice: Notice, ticketID: Int64, notBefore: Double)] = []
        for notice in fresh {
            if lookedUp.insert(notice.channel).inserted, let row = try tx.query("""
                SELECT o.not_before FROM outbox o JOIN ticket t ON t.id = o.ticket_id
                WHERE o.not_before IS NOT NULL AND t.channel = $1 ORDER BY o.not_before DESC LIMIT 1
                """, [.text(notice.channel.rawValue)]).first {
                last[notice.channel] = try row.double(0)
            }
            let notBefore = pace.next(after: last[notice.channel], channel: notice.channel, now: at)
            last[notice.channel] = notBefore
            let id = ids.removeLast()
            var draft = TicketDraft(
                clock: TicketClockState(
                    id: id, channel: notice.channel, marketplace: notice.marketplace, status: .open, awaitingSince: nil,
                    hasReplied: false, lastOutboundAt: nil, language: notice.language, kind: .message, tags: ["notice"],
                    segment: segments[notice.customerID] ?? nil, openedAt: nil, holds: []),
                conversation: notice.key, customerName: notice.customerName, customerAddress: notice.address,
                subject: notice.subject, snippet: Snippet.of(notice.body), orderID: notice.orderID, lastFrom: .agent, lastMessageAt: at)
            draft.isNew = true
            let ended = draft.apply(direction: .outbound, at: now, body: notice.body, order: notice.orderID, language: nil,
                                    policy: policy, storedInboundAfter: { _ in nil })
            draft.clock.status = .solved
            try PostgresTicketRows.write(tx, draft, policy: policy)
            for clock in ended.ended {
                try PostgresDeadlineOutcomes.insert(tx, ticketID: id, clock: clock, facts: ended.facts, settledAt: now, policy: policy)
            }
            written.append((notice, id, notBefore))
            summary.queued += 1
            summary.firstAt = summary.firstAt ?? Date(timeIntervalSince1970: notBefore)
            summary.lastAt = Date(timeIntervalSince1970: notBefore)
        }
        try tx.query("UPDATE ticket SET customer_id = u.customer FROM unnest($1::bigint[], $2::bigint[]) AS u(id, customer) WHERE ticket.id = u.id",
                     [.ints(written.map(\.ticketID)), .ints(written.map(\.notice.customerID))])
        let messages = try tx.query("""
            INSERT INTO message (ticket_id, external_id, direction, author, recipient, at, subject, body, language)
            SELECT u.ticket, 'kefu-' || u.key, 'out', u.author, u.recipient, $6, u.subject, u.body, u.language
            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $7::text[], $8::text[]) AS u(ticket, key, author, recipient, subject, body, language)
            RETURNING ticket_id, id
            """, [.ints(written.map(\.ticketID)), .texts(written.map(\.notice.key)), .texts(written.map(\.notice.author)),
                  .texts(written.map(\.notice.address)), .texts(written.map(\.notice.subject)), .double(at),
                  .texts(written.map(\.notice.body)), .texts(written.map(\.notice.language))])
        let messageOf = Dictionary(try messages.map { (try $0.int(0), try $0.int(1)) }, uniquingKeysWith: { a, _ in a })
        try tx.query("""
            INSERT INTO outbox (message_id, ticket_id, idempotency_key, state, created_at, updated_at, not_before)
            SELECT u.message, u.ticket, u.key, 'queued', $4, $4, u.not_before
            FROM unnest($1::bigint[], $2::bigint[], $3::text[], $5::float8[]) AS u(message, ticket, key, not_before)
            """, [.ints(written.map { messageOf[$0.ticketID]! }), .ints(written.map(\.ticketID)), .texts(written.map(\.notice.key)),
                  .double(at), .doubles(written.map(\.notBefore))])
        return summary
    }

    public func optOut(customerID: Int64, at: Date) throws {
        try session.transaction { tx in try PostgresNoticeOptOuts.mark(tx, customerID: customerID, at: at) }
    }
}

/// Opting out on PostgreSQL: ingest's one call, as `NoticeOptOuts` on SQLite.
enum PostgresNoticeOptOuts {
    static func record(_ tx: PostgresTransaction, _ messages: some Sequence<(ticketID: Int64, direction: MessageDirection, body: String, at: Date)>) throws {
        for message in messages where message.direction == .inbound && UnsubscribeRequest.matches(message.body) {
            guard let linked = try tx.query("SELECT customer_id FROM ticket WHERE id = $1", [.int(message.ticketID)]).first?.optionalInt(0),
                  let customer = try PostgresCustomerRows.current(tx, id: linked) else { continue }
            try mark(tx, customerID: customer, at: message.at)
        }
    }

    /// A merge keeps the earlier opt-out of the two (SQLite's `NoticeOptOuts.carry`).
    static func carry(_ tx: PostgresTransaction, from absorbed: Int64, to kept: Int64) throws {
        try tx.query("UPDATE customer SET opted_out_at = (SELECT min(opted_out_at) FROM customer WHERE id IN ($1, $2)) WHERE id = $1",
                     [.int(kept), .int(absorbed)])
    }

    static func mark(_ tx: PostgresTransaction, customerID: Int64, at: Date) throws {
        try tx.query("UPDATE customer SET opted_out_at = least(coalesce(opted_out_at, $1), $1) WHERE id = $2",
                     [.double(at.timeIntervalSince1970), .int(customerID)])
    }
}
