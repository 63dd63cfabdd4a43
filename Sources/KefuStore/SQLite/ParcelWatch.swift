import Foundation
import GRDB
import KefuCore

/// Orders' shipping facts and carrier events, and the follow-ups that wait on them ("when the
/// parcel is delivered", "if tracking is silent for 5 days").
enum ParcelWatch {
    /// Writes the shipping columns a report gave; a report without them keeps what was stored.
    static func saveShipping(_ db: Database, _ order: Order) throws {
        let a = order.shippingAddress
        func value(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        try db.execute(sql: """
            UPDATE orders SET ship_street = coalesce(?, ship_street), ship_house = coalesce(?, ship_house),
                ship_postcode = coalesce(?, ship_postcode), ship_city = coalesce(?, ship_city),
                ship_country = coalesce(?, ship_country), ship_by = coalesce(?, ship_by), shipped_at = coalesce(?, shipped_at)
            WHERE id = ?
            """, arguments: [value(a?.street), value(a?.houseNumber), value(a?.postcode), value(a?.city), value(a?.country),
                             order.shipBy?.timeIntervalSince1970, order.shippedAt?.timeIntervalSince1970, order.id])
    }

    /// The carrier events of an order's parcels, oldest first.
    static func events(_ db: Database, orderID: String) throws -> [CarrierEvent] {
        try Row.fetchAll(db, sql: """
            SELECT e.tracking_number, e.at, e.status, e.text FROM carrier_event e
            WHERE e.tracking_number IN (SELECT tracking_number FROM parcel WHERE order_id = ?) ORDER BY e.at, e.id
            """, arguments: [orderID]).map { CarrierEvent(trackingNumber: $0[0], at: Date(timeIntervalSince1970: $0[1]), code: $0[2], text: $0[3]) }
    }

    /// When a parcel-driven follow-up on this order is due now, from what is known; nil while
    /// it still waits. `since`: when it was set (silence is counted from then at the earliest).
    static func dueAt(_ db: Database, when: FollowUpWhen, orderID: String, since: Date) throws -> Date? {
        when.dueAt(events: try events(db, orderID: orderID), since: since)
    }
}

extension SQLiteTicketStore: ProactiveFollowUpStore {
    public func importCarrierEvents(_ events: [CarrierEvent], now: Date) throws -> Int {
        try pool.write { db in
            var added = 0
            for event in events {
                try db.cachedStatement(sql: """
                    INSERT INTO carrier_event (tracking_number, at, status, text) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """).execute(arguments: [event.trackingNumber, event.at.timeIntervalSince1970, event.code, event.text])
                added += db.changesCount
            }
            try refreshParcelFollowUps(db, now: now)
            return added
        }
    }

    public func refreshParcelFollowUps(now: Date) throws -> Int {
        try pool.write { db in try refreshParcelFollowUps(db, now: now) }
    }

    /// Open follow-ups that wait on a parcel: their time again from the events; tickets whose
    /// follow-up moved get their clocks written again.
    func refreshParcelFollowUps(_ db: Database, now: Date) throws -> Int {
        let open = try Row.fetchAll(db, sql: """
            SELECT \(FollowUpRows.columns) FROM follow_up WHERE done_at IS NULL AND kind != 'at' AND order_id IS NOT NULL
            """).map(FollowUpRows.decode)
        var moved = 0
        var tickets = Set<Int64>()
        for followUp in open {
            let due = try ParcelWatch.dueAt(db, when: followUp.when, orderID: followUp.orderID!, since: followUp.createdAt)
            guard due != followUp.dueAt else { continue }
            try db.execute(sql: "UPDATE follow_up SET due_at = ? WHERE id = ?", arguments: [due?.timeIntervalSince1970, followUp.id])
            moved += 1
            tickets.insert(followUp.ticketID)
        }
        for id in tickets { try FollowUpRows.refresh(db, ticketID: id, policy: policy) }
        return moved
    }

    public func ordersForFollowUps() throws -> [OrderFacts] {
        try pool.read { db in try OrderReading.allFacts(db) }
    }

    public func raise(_ followUp: ProactiveFollowUp, language: String, draft: (Ticket) -> String, now: Date) throws -> Int64? {
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM follow_up WHERE rule = ? AND order_id = ?)",
                                 arguments: [followUp.rule, followUp.orderID]) == true {
                return nil
            }
            let ticketID: Int64
            if let existing = try Int64.fetchOne(db, sql: """
                SELECT id FROM ticket WHERE order_id = ? ORDER BY status = 'open' DESC, last_message_at DESC LIMIT 1
                """, arguments: [followUp.orderID]) {
                ticketID = existing
                // Speaking first opens the conversation again.
                try db.execute(sql: "UPDATE ticket SET status = 'open' WHERE id = ? AND status != 'open'", arguments: [ticketID])
            } else {
                ticketID = try openSpeakFirstTicket(db, followUp, language: language, now: now)
            }
            _ = try FollowUpRows.insert(db, ticketID: ticketID, when: .at(now), dueAt: now, by: "rule:\(followUp.rule)",
                                        rule: followUp.rule, orderID: followUp.orderID, note: followUp.note, now: now)
            try FollowUpRows.refresh(db, ticketID: ticketID, policy: policy)
            let ticket = try TicketRow.fetchOne(db, id: ticketID)!
            if !ticket.hasDraft {
                try db.execute(sql: "INSERT INTO draft (ticket_id, body, updated_at) VALUES (?, ?, ?)",
                               arguments: [ticketID, draft(ticket), now.timeIntervalSince1970])
            }
            try AuditRows.record(db, at: now, agent: "rule:\(followUp.rule)", action: .followUp, ticketID: ticketID,
                                 detail: "speak first: \(followUp.rule)")
            return ticketID
        }
    }

    /// A ticket for an order nobody wrote about yet: to the buyer of the order, no message in it.
    private func openSpeakFirstTicket(_ db: Database, _ followUp: ProactiveFollowUp, language: String, now: Date) throws -> Int64 {
        guard let row = try Row.fetchOne(db, sql: "SELECT marketplace, customer_name, buyer_email FROM orders WHERE id = ?",
                                         arguments: [followUp.orderID]) else {
            throw ParcelRegisterError.unknownOrder(followUp.orderID)
        }
        let id = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM ticket") ?? 0) + 1
        let marketplace = Marketplace(rawValue: row[0]) ?? .other
        let clock = TicketClockState(
            id: id, channel: marketplace == .shopify || marketplace == .other ? .email : .marketplace, marketplace: marketplace,
            status: .open, awaitingSince: nil, hasReplied: false, lastOutboundAt: nil, language: language, kind: .message,
            tags: ["speak-first"], segment: nil, openedAt: nil, holds: [])
        var draft = TicketDraft(
            clock: clock, conversation: "followup:\(followUp.rule):\(followUp.orderID)", customerName: row[1],
            customerAddress: row[2] ?? "", subject: "Speak first: \(followUp.note) (order \(followUp.orderID))",
            snippet: followUp.note, orderID: followUp.orderID, lastFrom: .agent, lastMessageAt: now.timeIntervalSince1970)
        draft.isNew = true
        try draft.write(db, policy: policy)
        return id
    }
}
