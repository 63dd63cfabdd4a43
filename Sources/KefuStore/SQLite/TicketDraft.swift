import Foundation
import GRDB
import KefuCore

/// Reading and writing a `TicketDraft` (KefuCore's rules for how messages change a ticket) as
/// a SQLite `ticket` row.
extension TicketDraft {
    static let columns = TicketClockState.columns + """
        , conversation, customer_name, customer_address, subject, snippet, order_id, last_from, last_message_at
        """

    static func decode(_ row: Row) -> TicketDraft {
        TicketDraft(
            clock: TicketClockState.decode(row), conversation: row[14], customerName: row[15], customerAddress: row[16],
            subject: row[17], snippet: row[18], orderID: row[19], lastFrom: Speaker(rawValue: row[20]) ?? .customer,
            lastMessageAt: row[21])
    }

    static func fetch(_ db: Database, id: Int64) throws -> TicketDraft? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM ticket WHERE id = ?"), arguments: [id]).map(decode)
    }

    /// The stored tickets of these conversations, by conversation.
    static func fetch(_ db: Database, conversations: some Collection<String>) throws -> [String: TicketDraft] {
        var drafts: [String: TicketDraft] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT \(columns) FROM ticket WHERE conversation IN (SELECT value FROM json_each(?))
            """), arguments: [JSONArray.of(conversations)])
        while let row = try rows.next() {
            let draft = decode(row)
            drafts[draft.conversation] = draft
        }
        return drafts
    }

    /// Writes the row with the clocks `policy` now gives it: INSERT for a new ticket, else one
    /// UPDATE of every column the rules change.
    func write(_ db: Database, policy: any DeadlinePolicy) throws {
        let clocks = ClockColumns(state: clock, clocks: policy.clocks(for: clock.facts))
        let changing: StatementArguments = [
            clock.status.rawValue, clock.awaitingSince?.timeIntervalSince1970, clock.hasReplied,
            clock.lastOutboundAt?.timeIntervalSince1970, clock.openedAt?.timeIntervalSince1970, HoldCoding.encode(clock.holds),
            lastMessageAt, lastFrom.rawValue, snippet, orderID, clock.language, searchText,
        ] + clocks.values
        let changingNames = """
            status, awaiting_since, has_replied, last_outbound_at, opened_at, holds, last_message_at, last_from,
            snippet, order_id, language, search_text, \(ClockColumns.names)
            """
        if isNew {
            try db.cachedStatement(sql: """
                INSERT INTO ticket (\(changingNames), id, conversation, channel, marketplace, customer_name,
                                    customer_address, subject, kind, tags, segment, message_count, version)
                VALUES (\(Self.placeholders(32)))
                """).execute(arguments: changing + [
                    clock.id, conversation, clock.channel.rawValue, clock.marketplace.rawValue, customerName,
                    customerAddress, subject, clock.kind.rawValue, TagCoding.encode(clock.tags), clock.segment, added, added + 1,
                ])
        } else {
            try db.cachedStatement(sql: """
                UPDATE ticket SET (\(changingNames)) = (\(Self.placeholders(20))),
                                  message_count = message_count + ?, version = version + ?
                WHERE id = ?
                """).execute(arguments: changing + [added, versionStep, clock.id])
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
