import Foundation
import GRDB
import KefuCore

extension SQLiteTicketStore {
    public func draft(ticketID: Int64) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT body FROM draft WHERE ticket_id = ?", arguments: [ticketID]) }
    }

    public func saveDraft(ticketID: Int64, body: String, now: Date) throws {
        try pool.write { db in
            if body.isEmpty {
                try db.execute(sql: "DELETE FROM draft WHERE ticket_id = ?", arguments: [ticketID])
            } else {
                try db.execute(sql: """
                    INSERT INTO draft (ticket_id, body, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT(ticket_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
                    """, arguments: [ticketID, body, now.timeIntervalSince1970])
            }
        }
    }

    public func quarantine(_ input: QuarantinedInput) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO quarantine (source, location, reason, raw, at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [input.source, input.location, input.reason, input.raw, input.at.timeIntervalSince1970])
        }
    }

    public func quarantined(limit: Int) throws -> [QuarantinedInput] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT source, location, reason, raw, at FROM quarantine ORDER BY id LIMIT ?", arguments: [limit])
                .map { QuarantinedInput(source: $0[0], location: $0[1], reason: $0[2], raw: $0[3], at: Date(timeIntervalSince1970: $0[4])) }
        }
    }
}

/// Small facts about the store itself (for example that `kefu demo` made it).
extension SQLiteTicketStore: StoreMeta {
    public func meta(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

    /// One meta value read without migrating or writing (nil when there is no store or no such
    /// key), to decide how to open a store before opening it.
    public static func peekMeta(path: String, key: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        let read = { (queue: DatabaseQueue) in
            try queue.read { db -> String? in
                guard try db.tableExists("meta") else { return nil }
                return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
            }
        }
        do {
            return try read(DatabaseQueue(path: path, configuration: configuration))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            // A store in a folder this user cannot write (see `ReadOnlyOpening`).
            return try read(DatabaseQueue(path: ReadOnlyOpening.immutableURI(path), configuration: configuration))
        }
    }

    /// How many tickets and messages the store holds.
    public func counts() throws -> (tickets: Int, messages: Int) {
        try pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0)
        }
    }
}
