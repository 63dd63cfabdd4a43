import Foundation
import GRDB
import KefuCore

/// Maps `ticket` rows to `Ticket` values and back.
enum TicketRow {
    static let columns = """
        id, conversation, channel, marketplace, customer_name, customer_address, subject, snippet, status,
        last_from, last_message_at, due_at, due_target, language, order_id, message_count, version,
        warn_at, hold_reason, assignee, awaiting_since IS NOT NULL AS awaiting_reply, safety_mark, due_policy,
        EXISTS (SELECT 1 FROM draft d WHERE d.ticket_id = ticket.id) AS has_draft,
        (SELECT until FROM ticket_snooze s WHERE s.ticket_id = ticket.id) AS snoozed_until, follow_up_at, segment
        """

    static func decode(_ row: Row) -> Ticket {
        var ticket = Ticket(
            id: row[0], conversation: row[1],
            channel: Channel(rawValue: row[2]) ?? .email,
            marketplace: Marketplace(rawValue: row[3]) ?? .other,
            customerName: row[4], customerAddress: row[5], subject: row[6], snippet: row[7],
            status: TicketStatus(rawValue: row[8]) ?? .open,
            lastFrom: Speaker(rawValue: row[9]) ?? .customer,
            lastMessageAt: Date(timeIntervalSince1970: row[10]),
            due: (row[11] as Double?).map(Date.init(timeIntervalSince1970:)),
            dueTarget: row[12], language: row[13], orderID: row[14], messageCount: row[15], version: row[16])
        ticket.warnAt = (row[17] as Double?).map(Date.init(timeIntervalSince1970:))
        ticket.hold = (row[18] as String?).flatMap(HoldReason.init(rawValue:))
        ticket.assignee = row["assignee"]
        ticket.awaitingReply = row["awaiting_reply"]
        ticket.safetyMark = row["safety_mark"]
        ticket.duePolicy = row["due_policy"]
        ticket.hasDraft = row["has_draft"]
        ticket.snoozedUntil = (row["snoozed_until"] as Double?).map(Date.init(timeIntervalSince1970:))
        ticket.followUpAt = (row["follow_up_at"] as Double?).map(Date.init(timeIntervalSince1970:))
        ticket.segment = row["segment"]
        return ticket
    }

    static func fetchOne(_ db: Database, id: Int64) throws -> Ticket? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM ticket WHERE id = ?", arguments: [id]).map(decode)
    }

    /// Writes the search text again from the row's own columns (after one of them changed).
    static func refreshSearchText(_ db: Database, id: Int64) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT customer_name, customer_address, subject, snippet, order_id FROM ticket WHERE id = ?
            """, arguments: [id]) else { return }
        let text = searchText(customer: row[0], address: row[1], subject: row[2], snippet: row[3], order: row[4])
        try db.execute(sql: "UPDATE ticket SET search_text = ? WHERE id = ?", arguments: [text, id])
    }

    /// The lower-cased text the `/` filter searches: customer, subject, snippet, order.
    static func searchText(customer: String, address: String, subject: String, snippet: String, order: String?) -> String {
        TicketSearchText.of(customer: customer, address: address, subject: subject, snippet: snippet, order: order)
    }
}

/// A `TicketClockState` (KefuCore) as SQLite columns of the `ticket` row.
extension TicketClockState {
    static let columns = """
        id, channel, marketplace, status, awaiting_since, has_replied, last_outbound_at, language,
        kind, tags, segment, opened_at, holds, follow_up_at
        """

    static func fetch(_ db: Database, id: Int64) throws -> TicketClockState? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM ticket WHERE id = ?"), arguments: [id]).map(decode)
    }

    static func decode(_ row: Row) -> TicketClockState {
        var state = TicketClockState(
            id: row[0], channel: Channel(rawValue: row[1]) ?? .email,
            marketplace: Marketplace(rawValue: row[2]) ?? .other,
            status: TicketStatus(rawValue: row[3]) ?? .open,
            awaitingSince: (row[4] as Double?).map(Date.init(timeIntervalSince1970:)),
            hasReplied: row[5], lastOutboundAt: (row[6] as Double?).map(Date.init(timeIntervalSince1970:)),
            language: row[7],
            kind: TicketKind(rawValue: row[8]) ?? .message, tags: TagCoding.decode(row[9]), segment: row[10],
            openedAt: (row[11] as Double?).map(Date.init(timeIntervalSince1970:)), holds: HoldCoding.decode(row[12]))
        state.followUpAt = (row[13] as Double?).map(Date.init(timeIntervalSince1970:))
        return state
    }

    /// Recomputes the running clocks and writes them with the queue columns derived from them.
    static func refreshClocks(_ db: Database, id: Int64, policy: any DeadlinePolicy) throws {
        guard let state = try fetch(db, id: id) else { return }
        try writeClocks(db, state: state, policy: policy)
    }

    /// Writes the clocks `policy` gives `state`, skipping the write when nothing changed (a
    /// policy change touches only the tickets whose deadlines it moves).
    @discardableResult
    static func writeClocks(_ db: Database, state: TicketClockState, policy: any DeadlinePolicy) throws -> Bool {
        try writeClocks(db, state: state, clocks: policy.clocks(for: state.facts))
    }

    /// Writes clocks already worked out for `state`.
    @discardableResult
    static func writeClocks(_ db: Database, state: TicketClockState, clocks: [ReplyClock]) throws -> Bool {
        try ClockColumns(state: state, clocks: clocks).write(db)
    }
}

/// `ClockColumns` (KefuCore) bound to SQLite.
extension ClockColumns {
    /// The values of `names`: the nearest clock decides the due, the warning and the queue order.
    var values: StatementArguments {
        [
            encoded, dueAt, dueTarget, warnAt, queueKey, needsReply ? 1 : 0, hold, duePolicy,
        ]
    }

    /// Writes the columns unless the stored clocks and hold are already these; true when written.
    func write(_ db: Database) throws -> Bool {
        try db.cachedStatement(sql: """
            UPDATE ticket SET (\(Self.names)) = (?, ?, ?, ?, ?, ?, ?, ?)
            WHERE id = ? AND NOT (clocks IS ? AND hold_reason IS ?)
            """).execute(arguments: values + [id, encoded, hold])
        return db.changesCount > 0
    }
}
