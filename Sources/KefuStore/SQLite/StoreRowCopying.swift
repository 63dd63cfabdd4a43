import Foundation
import GRDB
import KefuCore

/// `kefu store copy` on SQLite: tables read in primary-key order, batches written in one write
/// transaction with the copy's progress in `meta`. The triggers that derive meter rows are
/// dropped for the batch and made again before it commits (SQLite's DDL is transactional, so a
/// killed copy leaves them as they were); the queue tally's triggers on `ticket` stay, since the
/// tally is this backend's own and is not copied.
extension SQLiteTicketStore: StoreRowCopying {
    /// Migration bookkeeping and what this store derives by itself.
    static let notCopied: Set<String> = ["grdb_migrations", "sqlite_sequence", "queue_tally", "presence", "ticket_change"]
    static let progressKey = "store_copy.progress"

    public func copyableTables() throws -> [CopiedTable] {
        try pool.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try names.filter { !Self.notCopied.contains($0) }.map { name in
                let info = try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
                let columns: [String] = info.map { $0["name"] }
                let key = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
                return CopiedTable(name: name, columns: columns, key: key)
            }
        }
    }

    public func rowCount(table: String) throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(Self.quoted(table))") ?? 0 }
    }

    public func readRows(_ table: CopiedTable, after: [StoredValue]?, limit: Int) throws -> [[StoredValue]] {
        let keys = table.key.map(Self.quoted).joined(separator: ", ")
        var sql = "SELECT \(table.columns.map(Self.quoted).joined(separator: ", ")) FROM \(Self.quoted(table.name))"
        var arguments = StatementArguments()
        if let after {
            sql += " WHERE (\(keys)) > (\(after.map { _ in "?" }.joined(separator: ", ")))"
            arguments = StatementArguments(after.map(Self.databaseValue))
        }
        sql += " ORDER BY \(keys) LIMIT \(limit)"
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: .null
                    case .int64(let v): .integer(v)
                    case .double(let v): .real(v)
                    case .string(let v): .text(v)
                    case .blob(let data): .text(String(decoding: data, as: UTF8.self))
                    }
                }
            }
        }
    }

    public func writeRows(_ table: CopiedTable, _ rows: [[StoredValue]], progress: CopyProgress) throws {
        try pool.write { db in
            let triggers = table.name == "ticket" ? [] : try Row.fetchAll(
                db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", arguments: [table.name])
            for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(Self.quoted(trigger["name"]))") }
            let statement = try db.makeStatement(sql: """
                INSERT INTO \(Self.quoted(table.name)) (\(table.columns.map(Self.quoted).joined(separator: ", ")))
                VALUES (\(table.columns.map { _ in "?" }.joined(separator: ", "))) \(Self.onConflict(table))
                """)
            for row in rows { try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue))) }
            for trigger in triggers { try db.execute(sql: trigger["sql"]) }
            try Self.saveProgress(db, progress)
        }
    }

    public func copyProgress() throws -> CopyProgress? {
        try pool.read { db in
            guard let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.progressKey]) else { return nil }
            return try JSONDecoder().decode(CopyProgress.self, from: Data(text.utf8))
        }
    }

    public func finishCopy(_ progress: CopyProgress) throws {
        // INTEGER PRIMARY KEY ids continue after the largest one by themselves.
        try pool.write { db in try Self.saveProgress(db, progress) }
    }

    /// A row already there stays, except in `meta`: the source's policy fingerprint comes
    /// along, so the copy's deadlines are recomputed when it opens under another policy.
    static func onConflict(_ table: CopiedTable) -> String {
        table.name == "meta" ? "ON CONFLICT (key) DO UPDATE SET value = excluded.value" : "ON CONFLICT DO NOTHING"
    }

    static func saveProgress(_ db: Database, _ progress: CopyProgress) throws {
        let text = String(decoding: try JSONEncoder().encode(progress), as: UTF8.self)
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [progressKey, text])
    }

    static func databaseValue(_ value: StoredValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let v): v.databaseValue
        case .real(let v): v.databaseValue
        case .text(let v): v.databaseValue
        }
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
