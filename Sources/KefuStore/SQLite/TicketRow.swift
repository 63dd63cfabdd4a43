import Foundation
import GRDB
import KefuCore

/// Maps `ticket` rows to `Ticket` values and back.
enum TicketRow {
    static let columns = """
        id, conversation, channel, marketplace, customer_name, customer_address, subject, snippet, status,
        last_from, last_message_at, due_at, due_target, language, order_id, message_count, version
        """

    static func decode(_ row: Row) -> Ticket {
        Ticket(
            id: row[0], conversation: row[1],
            channel: Channel(rawValue: row[2]) ?? .email,
            marketplace: Marketplace(rawValue: row[3]) ?? .other,
            customerName: row[4], customerAddress: row[5], subject: row[6], snippet: row[7],
            status: TicketStatus(rawValue: row[8]) ?? .open,
            lastFrom: Speaker(rawValue: row[9]) ?? .customer,
            lastMessageAt: Date(timeIntervalSince1970: row[10]),
            due: (row[11] as Double?).map(Date.init(timeIntervalSince1970:)),
            dueTarget: row[12], language: row[13], orderID: row[14], messageCount: row[15], version: row[16])
    }

    static func fetchOne(_ db: Database, id: Int64) throws -> Ticket? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM ticket WHERE id = ?", arguments: [id]).map(decode)
    }

    /// The lower-cased text the `/` filter searches: customer, subject, snippet, order.
    static func searchText(customer: String, address: String, subject: String, snippet: String, order: String?) -> String {
        [customer, address, subject, snippet, order ?? ""].joined(separator: "\u{1F}").lowercased()
    }
}

/// The facts about a ticket that deadlines depend on, as stored on its row.
struct TicketClockState {
    var id: Int64
    var channel: Channel
    var marketplace: Marketplace
    var status: TicketStatus
    var awaitingSince: Date?
    var hasReplied: Bool
    var lastOutboundAt: Date?
    var language: String?
    var clocks: [ReplyClock]

    static func fetch(_ db: Database, id: Int64) throws -> TicketClockState? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, channel, marketplace, status, awaiting_since, has_replied, last_outbound_at, language, clocks
            FROM ticket WHERE id = ?
            """, arguments: [id]) else { return nil }
        return TicketClockState(
            id: row[0], channel: Channel(rawValue: row[1]) ?? .email,
            marketplace: Marketplace(rawValue: row[2]) ?? .other,
            status: TicketStatus(rawValue: row[3]) ?? .open,
            awaitingSince: (row[4] as Double?).map(Date.init(timeIntervalSince1970:)),
            hasReplied: row[5], lastOutboundAt: (row[6] as Double?).map(Date.init(timeIntervalSince1970:)),
            language: row[7], clocks: ClockCoding.decode(row[8]))
    }

    var facts: ConversationFacts {
        ConversationFacts(
            channel: channel, marketplace: marketplace, status: status, awaitingSince: awaitingSince,
            hasReplied: hasReplied, language: language)
    }

    /// Recomputes the running clocks and writes them with the queue columns derived from them.
    static func refreshClocks(_ db: Database, id: Int64, policy: any DeadlinePolicy) throws {
        guard let state = try fetch(db, id: id) else { return }
        let clocks = policy.clocks(for: state.facts)
        let nearest = clocks.nearest
        try db.execute(sql: """
            UPDATE ticket SET clocks = ?, due_at = ?, due_target = ?, queue_key = ?, needs_reply = ?
            WHERE id = ?
            """, arguments: [
                ClockCoding.encode(clocks), nearest?.due.timeIntervalSince1970, nearest?.target,
                nearest?.due.timeIntervalSince1970 ?? QueuePosition.noDeadlineKey, nearest == nil ? 0 : 1, id,
            ])
    }
}

/// Running clocks are kept on the ticket row as JSON, so `kefu queue --json` can list them all.
enum ClockCoding {
    static func encode(_ clocks: [ReplyClock]) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return (try? String(decoding: encoder.encode(clocks), as: UTF8.self)) ?? "[]"
    }

    static func decode(_ text: String) -> [ReplyClock] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode([ReplyClock].self, from: Data(text.utf8))) ?? []
    }
}
