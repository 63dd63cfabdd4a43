import GRDB
import KefuCore

/// `message_reading_note` rows (migration `v14-reading-notes`): how a message with broken
/// structure was read (`ReadingNotes`), one row per note, in the parser's order.
enum ReadingNoteRows {
    static func v14(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE message_reading_note (
                message_id INTEGER NOT NULL REFERENCES message(id),
                position INTEGER NOT NULL,
                note TEXT NOT NULL,
                PRIMARY KEY (message_id, position)
            );
            """)
    }

    static func insert(_ db: Database, _ notes: [String], messageID: Int64) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO message_reading_note (message_id, position, note) VALUES (?, ?, ?)")
        for (position, note) in notes.enumerated() {
            try statement.execute(arguments: [messageID, position, note])
        }
    }

    /// The notes of a ticket's messages, by message row id.
    static func fetch(_ db: Database, ticketID: Int64) throws -> [Int64: [String]] {
        var byMessage: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT n.message_id, n.note FROM message_reading_note n JOIN message m ON m.id = n.message_id
            WHERE m.ticket_id = ? ORDER BY n.message_id, n.position
            """), arguments: [ticketID]) {
            byMessage[row[0], default: []].append(row[1])
        }
        return byMessage
    }
}
