import Foundation
import GRDB
import KefuCore

/// Takes messages in: joins them to their conversation (or opens one), keeps the ticket's list
/// columns and deadline clocks current, skips messages already stored.
extension SQLiteTicketStore {
    /// Messages per transaction: each commit waits for the disk, so fewer is faster (2,000 gave
    /// 38,000 msg/s, 5,000 gives 55,000+); a transaction of 5,000 holds the write lock about a
    /// tenth of a second, which is what an agent's send may wait (readers never wait).
    static let ingestBatchSize = 5_000

    public func ingest(_ records: [IngestRecord]) throws -> IngestSummary {
        var summary = IngestSummary()
        for batch in ingestBatches(records, size: Self.ingestBatchSize) {
            summary += try pool.write { db in try self.ingestBatch(db, batch).summary }
        }
        return summary
    }

    /// Takes a batch in with a few statements per message: the stored ids and conversations of
    /// the whole batch are looked up at once, each conversation's ticket changes in memory
    /// (`TicketDraft`) and is written once, then the messages and the deadline records go in.
    /// Returns the row id of each message it stored, by external id, beside the summary.
    func ingestBatch(_ db: Database, _ records: ArraySlice<IngestRecord>) throws -> (summary: IngestSummary, stored: [String: Int64]) {
        var summary = IngestSummary()
        var seen = try Self.storedMessageIDs(db, among: records.map(\.id))
        var drafts = try TicketDraft.fetch(db, conversations: Set(records.map(\.conversation)))
        var order: [String] = []
        var nextID = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM ticket") ?? 0) + 1
        var taken: [IngestRecord] = []
        var namedOrders: [String: String] = [:]
        var settled: [(ticketID: Int64, clock: ReplyClock, facts: ConversationFacts, at: Date)] = []
        for record in records {
            guard seen.insert(record.id).inserted else {
                summary.duplicates += 1
                continue
            }
            var draft: TicketDraft
            if let known = drafts[record.conversation] {
                draft = known
            } else {
                draft = TicketDraft(opening: record, id: nextID)
                nextID += 1
                summary.newTickets += 1
            }
            // Written once, in the order the batch first touched them.
            if draft.added == 0 { order.append(record.conversation) }
            let ticketID = draft.id
            let ended = try draft.apply(
                direction: record.direction, at: record.at, body: record.body, order: record.order,
                language: record.language, policy: policy,
                storedInboundAfter: { try Self.earliestInbound(db, ticketID: ticketID, after: $0) })
            for clock in ended.ended { settled.append((ticketID, clock, ended.facts, record.at)) }
            drafts[record.conversation] = draft
            if let named = record.order, !draft.isNew { namedOrders[record.conversation] = named }
            taken.append(record)
            summary.added += 1
        }
        // Delivery reports that return one of our replies bring its ticket back.
        try ReplyBounces.apply(
            taken, drafts: &drafts, order: &order,
            markBounced: { try BounceRows.markBounced(db, messageID: $0, reason: $1, at: $2) },
            fetchDraft: { try TicketDraft.fetch(db, id: $0) })
        // Every new conversation gets its customer (and so the derived segment its deadlines may
        // depend on) before it is written; a known one joins the customer of an order it now names.
        let now = Date()
        var customers: [String: (customer: Int64, given: String?)] = [:]
        for conversation in order where drafts[conversation]!.isNew {
            var draft = drafts[conversation]!
            let customer = try CustomerLinker.link(
                db, keys: CustomerKeys.ofTicket(address: draft.customerAddress, conversation: conversation, namedOrder: draft.orderID),
                name: draft.customerName, language: draft.clock.language, now: now)
            customers[conversation] = (customer, draft.clock.segment)
            if draft.clock.segment == nil { draft.clock.segment = try CustomerLinker.segment(db, customer: customer) }
            drafts[conversation] = draft
        }
        for conversation in order { try drafts[conversation]!.write(db, policy: policy) }
        for conversation in order {
            let draft = drafts[conversation]!
            if let linked = customers[conversation] {
                try db.cachedStatement(sql: "UPDATE ticket SET customer_id = ?, segment_given = ? WHERE id = ?")
                    .execute(arguments: [linked.customer, linked.given, draft.id])
            } else if let named = namedOrders[conversation] {
                try CustomerLinker.linkTicket(db, id: draft.id, conversation: conversation, name: draft.customerName,
                                              address: draft.customerAddress, language: draft.clock.language, namedOrder: named, now: now)
            }
        }
        var stored: [String: Int64] = [:]
        stored.reserveCapacity(taken.count)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO message (ticket_id, external_id, direction, author, recipient, at, subject, body, language)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for record in taken {
            try insert.execute(arguments: [
                drafts[record.conversation]!.id, record.id, record.direction.rawValue, record.from, record.to,
                record.at.timeIntervalSince1970, record.subject, record.body, record.language,
            ])
            stored[record.id] = db.lastInsertedRowID
            if !record.readingNotes.isEmpty {
                try ReadingNoteRows.insert(db, record.readingNotes, messageID: db.lastInsertedRowID)
            }
            if !record.findings.isEmpty {
                try SafetyFindingRows.insert(db, record.findings, messageID: db.lastInsertedRowID,
                                             ticketID: drafts[record.conversation]!.id, customer: record.customer.address, at: record.at)
            }
        }
        try NoticeOptOuts.record(db, taken.map { (drafts[$0.conversation]!.id, $0.direction, $0.body, $0.at) })
        for ending in settled {
            try DeadlineOutcomes.insert(db, ticketID: ending.ticketID, clock: ending.clock, facts: ending.facts,
                                        settledAt: ending.at, policy: policy)
        }
        return (summary, stored)
    }

    /// Which of these message ids the store already holds.
    static func storedMessageIDs(_ db: Database, among ids: [String]) throws -> Set<String> {
        try Set(String.fetchAll(db.cachedStatement(sql: """
            SELECT external_id FROM message WHERE external_id IN (SELECT value FROM json_each(?))
            """), arguments: [JSONArray.of(ids)]))
    }

    /// The earliest stored customer message of a ticket after an instant.
    static func earliestInbound(_ db: Database, ticketID: Int64, after at: Double) throws -> Double? {
        try Double.fetchOne(db.cachedStatement(sql: """
            SELECT min(at) FROM message WHERE ticket_id = ? AND direction = 'in' AND at > ?
            """), arguments: [ticketID, at])
    }
}

/// How one new message changes its ticket, for a message written on its own (a reply, a note):
/// the same rules as ingest (`TicketDraft.apply`), applied to the stored row. The message row is
/// already inserted.
enum MessageEffects {
    static func apply(
        _ db: Database, ticketID: Int64, direction: MessageDirection, at: Date, body: String,
        order: String?, language: String?, policy: any DeadlinePolicy
    ) throws {
        guard var draft = try TicketDraft.fetch(db, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
        let ended = try draft.apply(
            direction: direction, at: at, body: body, order: order, language: language, policy: policy,
            storedInboundAfter: { try SQLiteTicketStore.earliestInbound(db, ticketID: ticketID, after: $0) })
        try draft.write(db, policy: policy)
        for clock in ended.ended {
            try DeadlineOutcomes.insert(db, ticketID: ticketID, clock: clock, facts: ended.facts, settledAt: at, policy: policy)
        }
    }
}

/// Rows recording how each deadline ended, for the team-lead meters.
enum DeadlineOutcomes {
    static func insert(
        _ db: Database, ticketID: Int64, clock: ReplyClock, facts: ConversationFacts, settledAt: Date,
        reason: SLASettlement.Reason = .replied, policy: any DeadlinePolicy
    ) throws {
        let outcome = DeadlineOutcome.settle(clock, ticketID: ticketID, facts: facts, at: settledAt, reason: reason, policy: policy)
        try db.cachedStatement(sql: """
            INSERT INTO deadline_outcome (ticket_id, kind, policy, business, started, due, settled_at, met,
                                          elapsed_calendar, elapsed_business, excused, paused_seconds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                ticketID, clock.kind.rawValue, clock.policy, clock.business, clock.started.timeIntervalSince1970,
                clock.due.timeIntervalSince1970, settledAt.timeIntervalSince1970, outcome.met,
                outcome.elapsedCalendarSeconds, outcome.elapsedBusinessSeconds, outcome.excused, outcome.pausedSeconds,
            ])
    }

    static func fetch(_ db: Database, ticketID: Int64) throws -> [DeadlineOutcome] {
        try Row.fetchAll(db, sql: """
            SELECT kind, policy, business, started, due, settled_at, met, elapsed_calendar, elapsed_business,
                   excused, paused_seconds
            FROM deadline_outcome WHERE ticket_id = ? ORDER BY id
            """, arguments: [ticketID]).map { row in
            let started = Date(timeIntervalSince1970: row[3]), due = Date(timeIntervalSince1970: row[4])
            return DeadlineOutcome(
                ticketID: ticketID,
                clock: ReplyClock(kind: ClockKind(rawValue: row[0]) ?? .firstReply, policy: row[1], started: started,
                                  due: due, target: due.timeIntervalSince(started), business: row[2]),
                settledAt: Date(timeIntervalSince1970: row[5]), met: row[6],
                elapsedCalendarSeconds: row[7], elapsedBusinessSeconds: row[8], excused: row[9], pausedSeconds: row[10])
        }
    }
}
