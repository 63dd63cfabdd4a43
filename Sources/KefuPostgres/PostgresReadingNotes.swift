import Foundation
import KefuCore

/// How a message with broken structure was read (`ReadingNotes`) on PostgreSQL
/// (`message_reading_note`, migration 15), as SQLite's `v14-reading-notes` keeps them, so a
/// store copies both ways.
enum PostgresReadingNotes {
    static let version15 = """
        CREATE TABLE message_reading_note (
            message_id bigint NOT NULL REFERENCES message(id),
            position integer NOT NULL,
            note text NOT NULL,
            PRIMARY KEY (message_id, position)
        );
        """

    static func insert(_ tx: PostgresTransaction, _ notes: [String], messageID: Int64) throws {
        for (position, note) in notes.enumerated() {
            try tx.query("INSERT INTO message_reading_note (message_id, position, note) VALUES ($1, $2, $3)",
                         [.int(messageID), .int(Int64(position)), .text(note)])
        }
    }

    /// The notes of a ticket's messages, by message row id.
    static func fetch(_ tx: PostgresTransaction, ticketID: Int64) throws -> [Int64: [String]] {
        var byMessage: [Int64: [String]] = [:]
        for row in try tx.query("""
            SELECT n.message_id, n.note FROM message_reading_note n JOIN message m ON m.id = n.message_id
            WHERE m.ticket_id = $1 ORDER BY n.message_id, n.position
            """, [.int(ticketID)]) {
            byMessage[try row.int(0), default: []].append(try row.string(1))
        }
        return byMessage
    }
}
