import Foundation
import GRDB
import KefuCore

/// Maps `ticket` rows to `Ticket` values and back.
enum TicketRow {
    static let columns = """
        id, conversation, channel, marketplace, customer_name, customer_address, subject, snippet, status,
        last_from, last_message_at, due_at, due_target, language, order_id, message_count, version,
        warn_at, hold_reason, assignee, awaiting_since IS NOT NULL AS awaiting_reply
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
        [customer, address, subject, snippet, order ?? ""].joined(separator: "\u{1F}").lowercased()
    }
}

/// The facts about a ticket that deadlines depend on, as stored on its row.
struct TicketClockState: Sendable {
    var id: Int64
    var channel: Channel
    var marketplace: Marketplace
    var status: TicketStatus
    var awaitingSince: Date?
    var hasReplied: Bool
    var lastOutboundAt: Date?
    var language: String?
    var kind: TicketKind
    var tags: Set<String>
    var segment: String?
    var openedAt: Date?
    var holds: [Hold]

    static let columns = """
        id, channel, marketplace, status, awaiting_since, has_replied, last_outbound_at, language,
        kind, tags, segment, opened_at, holds
        """

    static func fetch(_ db: Database, id: Int64) throws -> TicketClockState? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM ticket WHERE id = ?"), arguments: [id]).map(decode)
    }

    static func decode(_ row: Row) -> TicketClockState {
        TicketClockState(
            id: row[0], channel: Channel(rawValue: row[1]) ?? .email,
            marketplace: Marketplace(rawValue: row[2]) ?? .other,
            status: TicketStatus(rawValue: row[3]) ?? .open,
            awaitingSince: (row[4] as Double?).map(Date.init(timeIntervalSince1970:)),
            hasReplied: row[5], lastOutboundAt: (row[6] as Double?).map(Date.init(timeIntervalSince1970:)),
            language: row[7],
            kind: TicketKind(rawValue: row[8]) ?? .message, tags: TagCoding.decode(row[9]), segment: row[10],
            openedAt: (row[11] as Double?).map(Date.init(timeIntervalSince1970:)), holds: HoldCoding.decode(row[12]))
    }

    var facts: ConversationFacts {
        ConversationFacts(
            channel: channel, marketplace: marketplace, status: status, awaitingSince: awaitingSince,
            hasReplied: hasReplied, language: language, kind: kind, tags: tags, segment: segment,
            openedAt: openedAt, holds: holds)
    }

    /// The hold that lasts now, if any.
    var openHold: Hold? { holds.last.flatMap { $0.end == nil ? $0 : nil } }

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

/// The ticket columns that follow from its running clocks, worked out apart from the write so a
/// bulk recompute can prepare them on another thread.
struct ClockColumns: Sendable {
    var id: Int64
    var encoded: String
    var nearest: ReplyClock?
    var hold: String?

    init(state: TicketClockState, clocks: [ReplyClock]) {
        id = state.id
        encoded = ClockCoding.encode(clocks)
        nearest = clocks.nearest
        hold = state.openHold?.reason.rawValue
    }

    /// The columns, in the order of `values`.
    static let names = "clocks, due_at, due_target, warn_at, queue_key, needs_reply, hold_reason"

    /// The values of `names`: the nearest clock decides the due, the warning and the queue order.
    var values: StatementArguments {
        [
            encoded, nearest?.due.timeIntervalSince1970, nearest?.target, nearest?.warnAt?.timeIntervalSince1970,
            nearest?.due.timeIntervalSince1970 ?? QueuePosition.noDeadlineKey, nearest == nil ? 0 : 1, hold,
        ]
    }

    /// Writes the columns unless the stored clocks and hold are already these; true when written.
    func write(_ db: Database) throws -> Bool {
        try db.cachedStatement(sql: """
            UPDATE ticket SET (\(Self.names)) = (?, ?, ?, ?, ?, ?, ?)
            WHERE id = ? AND NOT (clocks IS ? AND hold_reason IS ?)
            """).execute(arguments: values + [id, encoded, hold])
        return db.changesCount > 0
    }
}

/// Holds are kept on the ticket row as JSON, oldest first.
enum HoldCoding {
    static func encode(_ holds: [Hold]) -> String {
        if holds.isEmpty { return "[]" }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return (try? String(decoding: encoder.encode(holds), as: UTF8.self)) ?? "[]"
    }

    static func decode(_ text: String) -> [Hold] {
        if text == "[]" { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode([Hold].self, from: Data(text.utf8))) ?? []
    }
}

/// Tags are kept as one comma-separated, lower-cased column.
enum TagCoding {
    static func encode(_ tags: Set<String>) -> String { tags.map { $0.lowercased() }.sorted().joined(separator: ",") }
    static func decode(_ text: String) -> Set<String> { text.isEmpty ? [] : Set(text.split(separator: ",").map(String.init)) }
}

/// Running clocks are kept on the ticket row as JSON, so `kefu queue --json` can list them all.
/// Written by hand rather than with `JSONEncoder`: recomputing 100,000 tickets after a policy
/// change encodes every ticket's clocks, and the encoder's generality costs most of that time.
/// The output is plain JSON that `decode` (a `JSONDecoder`) reads back.
enum ClockCoding {
    static func encode(_ clocks: [ReplyClock]) -> String {
        var text = "["
        for (index, clock) in clocks.enumerated() {
            if index > 0 { text += "," }
            text += "{\"kind\":\"\(clock.kind.rawValue)\",\"policy\":"
            appendString(clock.policy, to: &text)
            text += ",\"started\":\(clock.started.timeIntervalSince1970),\"due\":\(clock.due.timeIntervalSince1970)"
            text += ",\"target\":\(clock.target),\"business\":\(clock.business),\"paused\":\(clock.paused)"
            if let warnAt = clock.warnAt { text += ",\"warnAt\":\(warnAt.timeIntervalSince1970)" }
            text += "}"
        }
        return text + "]"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20:
                text += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    static func decode(_ text: String) -> [ReplyClock] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode([ReplyClock].self, from: Data(text.utf8))) ?? []
    }
}
