import Foundation
import KefuCore

/// Follow-ups on PostgreSQL, with the rules of the SQLite store (`FollowUpWhen` decides when a
/// parcel-driven one is due): the earliest open follow-up's time goes on the ticket row and its
/// clocks are written again in the same transaction, so the queue sorts it with the other
/// deadlines and every agent's screen sees it.
enum PostgresFollowUpRows {
    static let columns = "id, ticket_id, kind, days, due_at, created_at, created_by, rule, order_id, note, done_at, done_by"
    /// `done_by` when a reply after its time ended a follow-up.
    static let doneByReply = "reply"

    static func decode(_ row: PostgresResultRow) throws -> FollowUp {
        let due = try row.optionalDate(4)
        return FollowUp(
            id: try row.int(0), ticketID: try row.int(1),
            when: FollowUpWhen(storedKind: try row.string(2), days: try row.optionalInt(3).map(Int.init), dueAt: due),
            dueAt: due, createdAt: try row.date(5), createdBy: try row.string(6), rule: try row.optionalString(7),
            orderID: try row.optionalString(8), note: try row.string(9), doneAt: try row.optionalDate(10),
            doneBy: try row.optionalString(11))
    }

    /// Inserts a follow-up; nil when a rule's one for this order exists already.
    static func insert(
        _ tx: PostgresTransaction, ticketID: Int64, when: FollowUpWhen, dueAt: Date?, by: String, rule: String?,
        orderID: String?, note: String, now: Date
    ) throws -> Int64? {
        try tx.query("""
            INSERT INTO follow_up (ticket_id, kind, days, due_at, created_at, created_by, rule, order_id, note)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id
            """, [.int(ticketID), .text(when.kindName), .of(when.storedDays.map(Int64.init)), .of(dueAt),
                  .double(now.timeIntervalSince1970), .text(by), .of(rule), .of(orderID), .text(note)]).first?.int(0)
    }

    /// Ends the ticket's open follow-ups whose time has come (a reply) or all of them (marked done).
    @discardableResult
    static func endDue(_ tx: PostgresTransaction, ticketID: Int64, by: String, now: Date, all: Bool = false) throws -> Int {
        let ended = try tx.query("""
            UPDATE follow_up SET done_at = $1, done_by = $2
            WHERE ticket_id = $3 AND done_at IS NULL AND ($4 OR (due_at IS NOT NULL AND due_at <= $1)) RETURNING id
            """, [.double(now.timeIntervalSince1970), .text(by), .int(ticketID), .bool(all)]).count
        if ended > 0 { try writeTicketTime(tx, ticketID: ticketID) }
        return ended
    }

    /// Puts the earliest open follow-up's time on the ticket row (the clocks read it from there).
    static func writeTicketTime(_ tx: PostgresTransaction, ticketID: Int64) throws {
        try tx.query("""
            UPDATE ticket SET follow_up_at = (SELECT min(due_at) FROM follow_up WHERE ticket_id = $1 AND done_at IS NULL),
                              version = version + 1
            WHERE id = $1
            """, [.int(ticketID)])
    }

    /// The ticket's follow-up time and clocks, written again after its follow-ups changed.
    static func refresh(_ tx: PostgresTransaction, ticketID: Int64, policy: any DeadlinePolicy) throws {
        try writeTicketTime(tx, ticketID: ticketID)
        try PostgresTicketStore.refreshClocks(tx, id: ticketID, policy: policy)
    }

    static func fetch(_ tx: PostgresTransaction, ticketID: Int64?) throws -> [FollowUp] {
        if let ticketID {
            return try tx.query("SELECT \(columns) FROM follow_up WHERE ticket_id = $1 ORDER BY id DESC", [.int(ticketID)]).map(decode)
        }
        return try tx.query("SELECT \(columns) FROM follow_up ORDER BY id DESC").map(decode)
    }

    /// Open follow-ups whose time has come: the status bar's "3 follow-ups due" (late ones included).
    static func dueCount(_ tx: PostgresTransaction, now: Date) throws -> Int {
        Int(try tx.query("SELECT count(*) FROM follow_up WHERE done_at IS NULL AND due_at <= $1",
                         [.double(now.timeIntervalSince1970)])[0].int(0))
    }
}

/// Orders' shipping facts and carrier events on PostgreSQL, and the follow-ups that wait on them.
enum PostgresParcelWatch {
    /// Writes the shipping columns a report gave; a report without them keeps what was stored.
    static func saveShipping(_ tx: PostgresTransaction, _ order: Order) throws {
        let a = order.shippingAddress
        func value(_ text: String?) -> PostgresValue { .of(text.flatMap { $0.isEmpty ? nil : $0 }) }
        try tx.query("""
            UPDATE orders SET ship_street = coalesce($1, ship_street), ship_house = coalesce($2, ship_house),
                ship_postcode = coalesce($3, ship_postcode), ship_city = coalesce($4, ship_city),
                ship_country = coalesce($5, ship_country), ship_by = coalesce($6, ship_by), shipped_at = coalesce($7, shipped_at)
            WHERE id = $8
            """, [value(a?.street), value(a?.houseNumber), value(a?.postcode), value(a?.city), value(a?.country),
                  .of(order.shipBy), .of(order.shippedAt), .text(order.id)])
    }

    /// The carrier events of an order's parcels, oldest first.
    static func events(_ tx: PostgresTransaction, orderID: String) throws -> [CarrierEvent] {
        try tx.query("""
            SELECT e.tracking_number, e.at, e.status, e.text FROM carrier_event e
            WHERE e.tracking_number IN (SELECT tracking_number FROM parcel WHERE order_id = $1) ORDER BY e.at, e.id
            """, [.text(orderID)]).map {
            CarrierEvent(trackingNumber: try $0.string(0), at: try $0.date(1), code: try $0.string(2), text: try $0.string(3))
        }
    }
}

extension PostgresTicketStore: ProactiveFollowUpStore {
    public func scheduleFollowUp(ticketID: Int64, when: FollowUpWhen, agent: String, now: Date) throws -> FollowUp {
        let policy = self.policy
        return try session.transaction { tx in
            guard let row = try tx.query("SELECT order_id FROM ticket WHERE id = $1 FOR UPDATE", [.int(ticketID)]).first else {
                throw StoreError.ticketNotFound(ticketID)
            }
            let orderID = try row.optionalString(0)
            if when.needsParcel, orderID == nil { throw FollowUpError.noOrder(ticketID) }
            var due: Date?
            if case .at(let date) = when { due = date }
            if when.needsParcel, let orderID {
                due = when.dueAt(events: try PostgresParcelWatch.events(tx, orderID: orderID), since: now)
            }
            let id = try PostgresFollowUpRows.insert(tx, ticketID: ticketID, when: when, dueAt: due, by: agent, rule: nil,
                                                     orderID: orderID, note: "", now: now)!
            // A solved ticket is opened again, or its follow-up would never come back to the queue.
            try tx.query("UPDATE ticket SET status = 'open' WHERE id = $1 AND status <> 'open'", [.int(ticketID)])
            try PostgresFollowUpRows.refresh(tx, ticketID: ticketID, policy: policy)
            try PostgresAuditRows.record(tx, at: now, agent: agent, action: .followUp, ticketID: ticketID,
                                         detail: AuditDetail.followUp(when: when, due: due))
            return try PostgresFollowUpRows.decode(
                try tx.query("SELECT \(PostgresFollowUpRows.columns) FROM follow_up WHERE id = $1", [.int(id)])[0])
        }
    }

    @discardableResult
    public func markFollowUpsDone(ticketID: Int64, agent: String, now: Date) throws -> Int {
        let policy = self.policy
        return try session.transaction { tx in
            guard try !tx.query("SELECT 1 FROM ticket WHERE id = $1 FOR UPDATE", [.int(ticketID)]).isEmpty else {
                throw StoreError.ticketNotFound(ticketID)
            }
            let ended = try PostgresFollowUpRows.endDue(tx, ticketID: ticketID, by: agent, now: now, all: true)
            if ended > 0 {
                try Self.refreshClocks(tx, id: ticketID, policy: policy)
                try PostgresAuditRows.record(tx, at: now, agent: agent, action: .followUpDone, ticketID: ticketID,
                                             detail: "\(ended) follow-up\(ended == 1 ? "" : "s") done")
            }
            return ended
        }
    }

    public func followUps(ticketID: Int64?) throws -> [FollowUp] {
        try session.transaction(readOnlySnapshot: true) { tx in try PostgresFollowUpRows.fetch(tx, ticketID: ticketID) }
    }

    public func followUpCounts(now: Date) throws -> FollowUpCounts {
        try session.transaction(readOnlySnapshot: true) { tx in FollowUpCounts(try PostgresFollowUpRows.fetch(tx, ticketID: nil), now: now) }
    }

    public func importCarrierEvents(_ events: [CarrierEvent], now: Date) throws -> Int {
        let policy = self.policy
        return try session.transaction { tx in
            var added = 0
            // Many rows per statement: an events file holds thousands.
            var start = 0
            while start < events.count {
                let chunk = events[start..<min(start + 1_000, events.count)]
                added += try tx.query("""
                    INSERT INTO carrier_event (tracking_number, at, status, text)
                    SELECT * FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING RETURNING id
                    """, [.texts(chunk.map(\.trackingNumber)), .doubles(chunk.map { $0.at.timeIntervalSince1970 }),
                          .texts(chunk.map(\.code)), .texts(chunk.map(\.text))]).count
                start += 1_000
            }
            _ = try Self.refreshParcelFollowUps(tx, now: now, policy: policy)
            return added
        }
    }

    public func refreshParcelFollowUps(now: Date) throws -> Int {
        let policy = self.policy
        return try session.transaction { tx in try Self.refreshParcelFollowUps(tx, now: now, policy: policy) }
    }

    /// Open follow-ups that wait on a parcel: their time again from the events; tickets whose
    /// follow-up moved get their clocks written again.
    static func refreshParcelFollowUps(_ tx: PostgresTransaction, now: Date, policy: any DeadlinePolicy) throws -> Int {
        let open = try tx.query("""
            SELECT \(PostgresFollowUpRows.columns) FROM follow_up WHERE done_at IS NULL AND kind <> 'at' AND order_id IS NOT NULL
            ORDER BY id FOR UPDATE
            """).map(PostgresFollowUpRows.decode)
        var moved = 0
        var tickets = Set<Int64>()
        for followUp in open {
            let due = followUp.when.dueAt(events: try PostgresParcelWatch.events(tx, orderID: followUp.orderID!), since: followUp.createdAt)
            guard due != followUp.dueAt else { continue }
            try tx.query("UPDATE follow_up SET due_at = $1 WHERE id = $2", [.of(due), .int(followUp.id)])
            moved += 1
            tickets.insert(followUp.ticketID)
        }
        for id in tickets.sorted() { try PostgresFollowUpRows.refresh(tx, ticketID: id, policy: policy) }
        return moved
    }

    public func ordersForFollowUps() throws -> [OrderFacts] {
        try session.transaction(readOnlySnapshot: true) { tx in try PostgresOrderReading.allFacts(tx) }
    }

    public func raise(_ followUp: ProactiveFollowUp, language: String, draft: (Ticket) -> String, now: Date) throws -> Int64? {
        let policy = self.policy
        return try session.transaction { tx in
            // Rule runs on several machines take turns, so one order's follow-up is raised once.
            try tx.query("SELECT pg_advisory_xact_lock(7238003)")
            if try tx.query("SELECT 1 FROM follow_up WHERE rule = $1 AND order_id = $2",
                            [.text(followUp.rule), .text(followUp.orderID)]).first != nil {
                return nil
            }
            let ticketID: Int64
            if let existing = try tx.query("""
                SELECT id FROM ticket WHERE order_id = $1 ORDER BY status = 'open' DESC, last_message_at DESC LIMIT 1 FOR UPDATE
                """, [.text(followUp.orderID)]).first?.int(0) {
                ticketID = existing
                // Speaking first opens the conversation again.
                try tx.query("UPDATE ticket SET status = 'open' WHERE id = $1 AND status <> 'open'", [.int(ticketID)])
            } else {
                ticketID = try Self.openSpeakFirstTicket(tx, followUp, language: language, now: now, policy: policy)
            }
            _ = try PostgresFollowUpRows.insert(tx, ticketID: ticketID, when: .at(now), dueAt: now, by: "rule:\(followUp.rule)",
                                                rule: followUp.rule, orderID: followUp.orderID, note: followUp.note, now: now)
            try PostgresFollowUpRows.refresh(tx, ticketID: ticketID, policy: policy)
            let ticket = try PostgresTicketRows.ticket(tx, id: ticketID)!
            if !ticket.hasDraft {
                try tx.query("INSERT INTO draft (ticket_id, body, updated_at) VALUES ($1, $2, $3)",
                             [.int(ticketID), .text(draft(ticket)), .double(now.timeIntervalSince1970)])
            }
            try PostgresAuditRows.record(tx, at: now, agent: "rule:\(followUp.rule)", action: .followUp, ticketID: ticketID,
                                         detail: "speak first: \(followUp.rule)")
            return ticketID
        }
    }

    /// A ticket for an order nobody wrote about yet: to the buyer of the order, no message in it.
    static func openSpeakFirstTicket(
        _ tx: PostgresTransaction, _ followUp: ProactiveFollowUp, language: String, now: Date, policy: any DeadlinePolicy
    ) throws -> Int64 {
        guard let row = try tx.query("SELECT marketplace, customer_name, buyer_email FROM orders WHERE id = $1",
                                     [.text(followUp.orderID)]).first else {
            throw ParcelRegisterError.unknownOrder(followUp.orderID)
        }
        let id = try tx.query("SELECT nextval('ticket_id_seq')")[0].int(0)
        let marketplace = Marketplace(rawValue: try row.string(0)) ?? .other
        let clock = TicketClockState(
            id: id, channel: marketplace == .shopify || marketplace == .other ? .email : .marketplace, marketplace: marketplace,
            status: .open, awaitingSince: nil, hasReplied: false, lastOutboundAt: nil, language: language, kind: .message,
            tags: ["speak-first"], segment: nil, openedAt: nil, holds: [])
        var draft = TicketDraft(
            clock: clock, conversation: "followup:\(followUp.rule):\(followUp.orderID)", customerName: try row.string(1),
            customerAddress: try row.optionalString(2) ?? "", subject: "Speak first: \(followUp.note) (order \(followUp.orderID))",
            snippet: followUp.note, orderID: followUp.orderID, lastFrom: .agent, lastMessageAt: now.timeIntervalSince1970)
        draft.isNew = true
        try PostgresTicketRows.write(tx, draft, policy: policy)
        return id
    }
}
