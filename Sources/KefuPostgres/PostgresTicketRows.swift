import Foundation
import KefuCore

/// `ticket` rows to KefuCore values and back, for PostgreSQL (the same columns as SQLite's).
enum PostgresTicketRows {
    static let ticketColumns = """
        id, conversation, channel, marketplace, customer_name, customer_address, subject, snippet, status,
        last_from, last_message_at, due_at, due_target, language, order_id, message_count, version,
        warn_at, hold_reason, assignee, awaiting_since IS NOT NULL AS awaiting_reply, due_policy,
        EXISTS (SELECT 1 FROM draft d WHERE d.ticket_id = ticket.id) AS has_draft, safety_mark,
        (SELECT s.until FROM ticket_snooze s WHERE s.ticket_id = ticket.id) AS snoozed_until, segment, follow_up_at
        """

    static func ticket(_ row: PostgresResultRow) throws -> Ticket {
        var ticket = Ticket(
            id: try row.int(0), conversation: try row.string(1),
            channel: Channel(rawValue: try row.string(2)) ?? .email,
            marketplace: Marketplace(rawValue: try row.string(3)) ?? .other,
            customerName: try row.string(4), customerAddress: try row.string(5), subject: try row.string(6),
            snippet: try row.string(7), status: TicketStatus(rawValue: try row.string(8)) ?? .open,
            lastFrom: Speaker(rawValue: try row.string(9)) ?? .customer, lastMessageAt: try row.date(10),
            due: try row.optionalDate(11), dueTarget: try row.optionalDouble(12), language: try row.optionalString(13),
            orderID: try row.optionalString(14), messageCount: Int(try row.int(15)), version: Int(try row.int(16)))
        ticket.warnAt = try row.optionalDate(17)
        ticket.hold = try row.optionalString(18).flatMap(HoldReason.init(rawValue:))
        ticket.assignee = try row.optionalString(19)
        ticket.awaitingReply = try row.bool(20)
        ticket.duePolicy = try row.optionalString(21)
        ticket.hasDraft = try row.bool(22)
        ticket.safetyMark = try row.optionalString(23)
        ticket.snoozedUntil = try row.optionalDate(24)
        ticket.segment = try row.optionalString(25)
        ticket.followUpAt = try row.optionalDate(26)
        return ticket
    }

    static func ticket(_ tx: PostgresTransaction, id: Int64) throws -> Ticket? {
        try tx.query("SELECT \(ticketColumns) FROM ticket WHERE id = $1", [.int(id)]).first.map(ticket)
    }

    static let clockColumns = """
        id, channel, marketplace, status, awaiting_since, has_replied, last_outbound_at, language,
        kind, tags, segment, opened_at, holds, follow_up_at
        """

    static func clockState(_ row: PostgresResultRow) throws -> TicketClockState {
        var state = TicketClockState(
            id: try row.int(0), channel: Channel(rawValue: try row.string(1)) ?? .email,
            marketplace: Marketplace(rawValue: try row.string(2)) ?? .other,
            status: TicketStatus(rawValue: try row.string(3)) ?? .open, awaitingSince: try row.optionalDate(4),
            hasReplied: try row.bool(5), lastOutboundAt: try row.optionalDate(6), language: try row.optionalString(7),
            kind: TicketKind(rawValue: try row.string(8)) ?? .message, tags: TagCoding.decode(try row.string(9)),
            segment: try row.optionalString(10), openedAt: try row.optionalDate(11), holds: HoldCoding.decode(try row.string(12)))
        state.followUpAt = try row.optionalDate(13)
        return state
    }

    static let draftColumns = clockColumns + """
        , conversation, customer_name, customer_address, subject, snippet, order_id, last_from, last_message_at
        """

    static func draft(_ row: PostgresResultRow) throws -> TicketDraft {
        TicketDraft(
            clock: try clockState(row), conversation: try row.string(14), customerName: try row.string(15),
            customerAddress: try row.string(16), subject: try row.string(17), snippet: try row.string(18),
            orderID: try row.optionalString(19), lastFrom: Speaker(rawValue: try row.string(20)) ?? .customer,
            lastMessageAt: try row.double(21))
    }

    /// The ticket's draft, its row locked until the transaction ends.
    static func lockedDraft(_ tx: PostgresTransaction, id: Int64) throws -> TicketDraft? {
        try tx.query("SELECT \(draftColumns) FROM ticket WHERE id = $1 FOR UPDATE", [.int(id)]).first.map(draft)
    }

    /// The stored tickets of these conversations, by conversation, their rows locked.
    static func lockedDrafts(_ tx: PostgresTransaction, conversations: some Collection<String>) throws -> [String: TicketDraft] {
        var drafts: [String: TicketDraft] = [:]
        for row in try tx.query("""
            SELECT \(draftColumns) FROM ticket
            WHERE conversation IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY id FOR UPDATE
            """, [.text(JSONArray.of(conversations))]) {
            let draft = try draft(row)
            drafts[draft.conversation] = draft
        }
        return drafts
    }

    /// Writes the row with the clocks `policy` now gives it: INSERT for a new ticket, else one
    /// UPDATE of every column the rules change.
    static func write(_ tx: PostgresTransaction, _ draft: TicketDraft, policy: any DeadlinePolicy) throws {
        let state = draft.clock
        let clocks = ClockColumns(state: state, clocks: policy.clocks(for: state.facts))
        let changing: [PostgresValue] = [
            .text(state.status.rawValue), .of(state.awaitingSince), .bool(state.hasReplied), .of(state.lastOutboundAt),
            .of(state.openedAt), .text(HoldCoding.encode(state.holds)), .double(draft.lastMessageAt),
            .text(draft.lastFrom.rawValue), .text(draft.snippet), .of(draft.orderID), .of(state.language),
            .text(draft.searchText),
        ] + values(clocks)
        let names = """
            status, awaiting_since, has_replied, last_outbound_at, opened_at, holds, last_message_at, last_from,
            snippet, order_id, language, search_text, \(ClockColumns.names)
            """
        if draft.isNew {
            try tx.query("""
                INSERT INTO ticket (\(names), id, conversation, channel, marketplace, customer_name,
                                    customer_address, subject, kind, tags, segment, message_count, version)
                VALUES (\(placeholders(1...32)))
                """, changing + [
                    .int(state.id), .text(draft.conversation), .text(state.channel.rawValue), .text(state.marketplace.rawValue),
                    .text(draft.customerName), .text(draft.customerAddress), .text(draft.subject), .text(state.kind.rawValue),
                    .text(TagCoding.encode(state.tags)), .of(state.segment), .int(Int64(draft.added)), .int(Int64(draft.added + 1)),
                ])
        } else {
            try tx.query("""
                UPDATE ticket SET (\(names)) = (\(placeholders(1...20))),
                                  message_count = message_count + $21, version = version + $23
                WHERE id = $22
                """, changing + [.int(Int64(draft.added)), .int(state.id), .int(Int64(draft.versionStep))])
        }
    }

    /// The values of `ClockColumns.names`, in order.
    static func values(_ clocks: ClockColumns) -> [PostgresValue] {
        [.text(clocks.encoded), .of(clocks.dueAt), .of(clocks.dueTarget), .of(clocks.warnAt), .double(clocks.queueKey),
         .bool(clocks.needsReply), .of(clocks.hold), .of(clocks.duePolicy)]
    }

    /// Writes the clock columns unless they are already these; true when written.
    @discardableResult
    static func writeClocks(_ tx: PostgresTransaction, _ clocks: ClockColumns) throws -> Bool {
        let rows = try tx.query("""
            UPDATE ticket SET (\(ClockColumns.names)) = ($1, $2, $3, $4, $5, $6, $7, $8)
            WHERE id = $9 AND NOT (clocks IS NOT DISTINCT FROM $1 AND hold_reason IS NOT DISTINCT FROM $7)
            RETURNING id
            """, values(clocks) + [.int(clocks.id)])
        return !rows.isEmpty
    }

    static func placeholders(_ range: ClosedRange<Int>) -> String {
        range.map { "$\($0)" }.joined(separator: ", ")
    }
}
