import Foundation
import KefuCore

/// Takes messages in with the same rules as the SQLite store: each conversation's ticket is
/// read once per batch (its row locked), changed in memory and written once.
extension PostgresTicketStore {
    /// Messages per transaction.
    static let ingestBatchSize = 2_000
    /// Rows per multi-row INSERT (9 parameters each, under the protocol's 65,535).
    static let insertChunk = 500

    public func ingest(_ records: [IngestRecord]) throws -> IngestSummary {
        var summary = IngestSummary()
        for batch in ingestBatches(records, size: Self.ingestBatchSize) {
            summary += try session.transaction { tx in try self.ingestBatch(tx, batch).summary }
        }
        return summary
    }

    /// One batch in one transaction; returns the row id of each message stored, by external id.
    func ingestBatch(_ tx: PostgresTransaction, _ records: ArraySlice<IngestRecord>) throws -> (summary: IngestSummary, stored: [String: Int64]) {
        // Importers take turns, so two never open the same new conversation; sends and
        // other writers only wait for the rows they share.
        try tx.query("SELECT pg_advisory_xact_lock(7238002)")
        var summary = IngestSummary()
        var seen = Set(try tx.query("""
            SELECT external_id FROM message WHERE external_id IN (SELECT jsonb_array_elements_text($1::jsonb))
            """, [.text(JSONArray.of(records.map(\.id)))]).map { try $0.string(0) })
        let conversations = Set(records.map(\.conversation))
        var drafts = try PostgresTicketRows.lockedDrafts(tx, conversations: conversations)
        // Ids for exactly the conversations this batch opens (a conversation whose messages are
        // all repeats opens nothing), in the order they open, as the SQLite store numbers them.
        var opening = Set<String>(), probe = seen
        var opened = 0
        for record in records where probe.insert(record.id).inserted && drafts[record.conversation] == nil {
            if opening.insert(record.conversation).inserted { opened += 1 }
        }
        var freshIDs: [Int64] = opened == 0 ? [] : try tx.query(
            "SELECT nextval('ticket_id_seq') FROM generate_series(1, $1) ORDER BY 1 DESC", [.int(Int64(opened))]
        ).map { try $0.int(0) }
        var order: [String] = []
        var taken: [IngestRecord] = []
        var settled: [(ticketID: Int64, clock: ReplyClock, facts: ConversationFacts, at: Date)] = []
        var namedOrders: [String: String] = [:]
        for record in records {
            guard seen.insert(record.id).inserted else {
                summary.duplicates += 1
                continue
            }
            var draft: TicketDraft
            if let known = drafts[record.conversation] {
                draft = known
            } else {
                draft = TicketDraft(opening: record, id: freshIDs.removeLast())
                summary.newTickets += 1
            }
            if draft.added == 0 { order.append(record.conversation) }
            let ticketID = draft.id
            let ended = try draft.apply(
                direction: record.direction, at: record.at, body: record.body, order: record.order,
                language: record.language, policy: policy,
                storedInboundAfter: { try Self.earliestInbound(tx, ticketID: ticketID, after: $0) })
            for clock in ended.ended { settled.append((ticketID, clock, ended.facts, record.at)) }
            drafts[record.conversation] = draft
            if let named = record.order, !draft.isNew { namedOrders[record.conversation] = named }
            taken.append(record)
            summary.added += 1
        }
        // Delivery reports that return one of our replies bring its ticket back.
        try ReplyBounces.apply(
            taken, drafts: &drafts, order: &order,
            markBounced: { try Self.markBounced(tx, messageID: $0, reason: $1, at: $2) },
            fetchDraft: { try PostgresTicketRows.lockedDraft(tx, id: $0) })
        // Every new conversation gets its customer (and so the derived segment its deadlines may
        // depend on) before it is written; a known one joins the customer of an order it now names.
        let now = Date()
        var customers: [String: (customer: Int64, given: String?)] = [:]
        for conversation in order where drafts[conversation]!.isNew {
            var draft = drafts[conversation]!
            let customer = try PostgresCustomerLinker.link(
                tx, keys: CustomerKeys.ofTicket(address: draft.customerAddress, conversation: conversation, namedOrder: draft.orderID),
                name: draft.customerName, language: draft.clock.language, now: now)
            customers[conversation] = (customer, draft.clock.segment)
            if draft.clock.segment == nil { draft.clock.segment = try PostgresCustomerLinker.segment(tx, customer: customer) }
            drafts[conversation] = draft
        }
        for conversation in order { try PostgresTicketRows.write(tx, drafts[conversation]!, policy: policy) }
        let linkedIDs = customers.keys.sorted().map { drafts[$0]!.id }
        if !linkedIDs.isEmpty {
            let ordered = customers.keys.sorted()
            try tx.query("""
                UPDATE ticket SET customer_id = u.customer, segment_given = nullif(u.given, '')
                FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u(id, customer, given) WHERE ticket.id = u.id
                """, [.ints(linkedIDs), .ints(ordered.map { customers[$0]!.customer }),
                      .texts(ordered.map { customers[$0]!.given ?? "" })])
        }
        for conversation in order where customers[conversation] == nil {
            guard let named = namedOrders[conversation] else { continue }
            let draft = drafts[conversation]!
            try PostgresCustomerLinker.linkTicket(tx, id: draft.id, conversation: conversation, name: draft.customerName,
                                                  address: draft.customerAddress, language: draft.clock.language, namedOrder: named, now: now)
        }
        var stored: [String: Int64] = [:]
        stored.reserveCapacity(taken.count)
        var chunkStart = 0
        while chunkStart < taken.count {
            let chunk = taken[chunkStart..<min(chunkStart + Self.insertChunk, taken.count)]
            var values: [PostgresValue] = []
            values.reserveCapacity(chunk.count * 9)
            var rows: [String] = []
            for record in chunk {
                let base = values.count
                rows.append("(" + PostgresTicketRows.placeholders((base + 1)...(base + 9)) + ")")
                values += [
                    .int(drafts[record.conversation]!.id), .text(record.id), .text(record.direction.rawValue), .text(record.from),
                    .text(record.to), .double(record.at.timeIntervalSince1970), .text(record.subject), .text(record.body),
                    .of(record.language),
                ]
            }
            for row in try tx.query("""
                INSERT INTO message (ticket_id, external_id, direction, author, recipient, at, subject, body, language)
                VALUES \(rows.joined(separator: ", ")) RETURNING external_id, id
                """, values) {
                stored[try row.string(0)] = try row.int(1)
            }
            chunkStart += Self.insertChunk
        }
        for record in taken where !record.readingNotes.isEmpty {
            try PostgresReadingNotes.insert(tx, record.readingNotes, messageID: stored[record.id]!)
        }
        for record in taken where !record.findings.isEmpty {
            try PostgresSafetyFindings.insert(tx, record.findings, messageID: stored[record.id]!,
                                              ticketID: drafts[record.conversation]!.id, customer: record.customer.address, at: record.at)
        }
        try PostgresNoticeOptOuts.record(tx, taken.map { (drafts[$0.conversation]!.id, $0.direction, $0.body, $0.at) })
        for ending in settled {
            try PostgresDeadlineOutcomes.insert(tx, ticketID: ending.ticketID, clock: ending.clock, facts: ending.facts,
                                                settledAt: ending.at, policy: policy)
        }
        return (summary, stored)
    }

    /// The earliest stored customer message of a ticket after an instant.
    static func earliestInbound(_ tx: PostgresTransaction, ticketID: Int64, after at: Double) throws -> Double? {
        try tx.query("""
            SELECT min(at) FROM message WHERE ticket_id = $1 AND direction = 'in' AND at > $2
            """, [.int(ticketID), .double(at)])[0].optionalDouble(0)
    }

    /// Marks the reply with this Message-ID bounced (one statement); see `ReplyBounces`.
    static func markBounced(_ tx: PostgresTransaction, messageID: String, reason: String, at: Date) throws -> ReplyBounces.Returned? {
        guard let row = try tx.query("""
            UPDATE outbox o SET state = 'bounced', last_error = $2, updated_at = $3, lease_token = NULL, lease_until = NULL
            FROM message m WHERE m.id = o.message_id AND o.mail_message_id = $1 AND o.state != 'bounced'
            RETURNING o.ticket_id, m.at
            """, [.text(messageID), .text(reason), .double(at.timeIntervalSince1970)]).first else { return nil }
        return ReplyBounces.Returned(ticketID: try row.int(0), replyAt: try row.date(1))
    }

    /// How one message written on its own (a reply, a note) changes its ticket: the same rules
    /// as ingest, applied to the stored row (locked). The message row is already inserted.
    static func applyMessage(
        _ tx: PostgresTransaction, ticketID: Int64, direction: MessageDirection, at: Date, body: String,
        policy: any DeadlinePolicy
    ) throws {
        guard var draft = try PostgresTicketRows.lockedDraft(tx, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
        let ended = try draft.apply(
            direction: direction, at: at, body: body, order: nil, language: nil, policy: policy,
            storedInboundAfter: { try earliestInbound(tx, ticketID: ticketID, after: $0) })
        try PostgresTicketRows.write(tx, draft, policy: policy)
        for clock in ended.ended {
            try PostgresDeadlineOutcomes.insert(tx, ticketID: ticketID, clock: clock, facts: ended.facts, settledAt: at, policy: policy)
        }
    }
}

/// Rows recording how each deadline ended, for the team-lead meters (credit and rollups are
/// filled in by the `deadline_outcome_credit` trigger).
enum PostgresDeadlineOutcomes {
    static func insert(
        _ tx: PostgresTransaction, ticketID: Int64, clock: ReplyClock, facts: ConversationFacts, settledAt: Date,
        reason: SLASettlement.Reason = .replied, policy: any DeadlinePolicy
    ) throws {
        let outcome = DeadlineOutcome.settle(clock, ticketID: ticketID, facts: facts, at: settledAt, reason: reason, policy: policy)
        try tx.query("""
            INSERT INTO deadline_outcome (ticket_id, kind, policy, business, started, due, settled_at, met,
                                          elapsed_calendar, elapsed_business, excused, paused_seconds)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """, [
                .int(ticketID), .text(clock.kind.rawValue), .text(clock.policy), .bool(clock.business),
                .double(clock.started.timeIntervalSince1970), .double(clock.due.timeIntervalSince1970),
                .double(settledAt.timeIntervalSince1970), .bool(outcome.met), .double(outcome.elapsedCalendarSeconds),
                .double(outcome.elapsedBusinessSeconds), .bool(outcome.excused), .double(outcome.pausedSeconds),
            ])
    }

    static func fetch(_ tx: PostgresTransaction, ticketID: Int64) throws -> [DeadlineOutcome] {
        try tx.query("""
            SELECT kind, policy, business, started, due, settled_at, met, elapsed_calendar, elapsed_business,
                   excused, paused_seconds
            FROM deadline_outcome WHERE ticket_id = $1 ORDER BY id
            """, [.int(ticketID)]).map { row in
            let started = try row.date(3), due = try row.date(4)
            return DeadlineOutcome(
                ticketID: ticketID,
                clock: ReplyClock(kind: ClockKind(rawValue: try row.string(0)) ?? .firstReply, policy: try row.string(1),
                                  started: started, due: due, target: due.timeIntervalSince(started), business: try row.bool(2)),
                settledAt: try row.date(5), met: try row.bool(6), elapsedCalendarSeconds: try row.double(7),
                elapsedBusinessSeconds: try row.double(8), excused: try row.bool(9), pausedSeconds: try row.double(10))
        }
    }
}
