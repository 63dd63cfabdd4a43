import Foundation
import KefuCore

/// `kefu store copy` on PostgreSQL: tables read in primary-key order (text keys in byte order,
/// `COLLATE "C"`, as SQLite orders them), batches written in one transaction with the copy's
/// progress in `meta`. The tables' triggers (meter rows, outbox message ids) are off for the
/// batch (`DISABLE TRIGGER USER`, undone in the same transaction): their rows come from the copy.
/// At the end the identity counters move past the copied ids.
extension PostgresTicketStore: StoreRowCopying {
    static let notCopied: Set<String> = ["kefu_migration", "presence"]
    static let progressKey = "store_copy.progress"
    /// Counter tables kept in shards here (migration 12) and as one row per group in SQLite:
    /// a copy reads them summed over `shard`, so both stores hold the same rows.
    static let shardedTables: Set<String> = ["meter_hour", "message_hour"]

    /// Each column's type family, for reading it as a `StoredValue` and binding it back.
    enum ColumnKind { case boolean, integer, real, text }

    func columnKinds(_ table: String) throws -> [String: ColumnKind] {
        var kinds: [String: ColumnKind] = [:]
        for row in try session.query("""
            SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
            """, [.text(table)]) {
            let type = try row.string(1)
            kinds[try row.string(0)] = switch type {
            case "boolean": .boolean
            case "bigint", "integer", "smallint": .integer
            case "double precision", "real", "numeric": .real
            default: .text
            }
        }
        return kinds
    }

    public func copyableTables() throws -> [CopiedTable] {
        let rows = try session.query("""
            SELECT c.table_name, c.column_name, coalesce(k.ordinal_position, 0)::int8 AS key_position
            FROM information_schema.columns c
            JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            LEFT JOIN information_schema.table_constraints p
                ON p.table_schema = c.table_schema AND p.table_name = c.table_name AND p.constraint_type = 'PRIMARY KEY'
            LEFT JOIN information_schema.key_column_usage k
                ON k.constraint_schema = p.constraint_schema AND k.constraint_name = p.constraint_name AND k.column_name = c.column_name
            WHERE c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position
            """)
        var tables: [String: (columns: [String], key: [(Int64, String)])] = [:]
        var order: [String] = []
        for row in rows {
            let table = try row.string(0), column = try row.string(1), position = try row.int(2)
            if Self.notCopied.contains(table) || (Self.shardedTables.contains(table) && column == "shard") { continue }
            if tables[table] == nil { order.append(table); tables[table] = ([], []) }
            tables[table]!.columns.append(column)
            if position > 0 { tables[table]!.key.append((position, column)) }
        }
        return order.map { name in
            let entry = tables[name]!
            let key = entry.key.sorted { $0.0 < $1.0 }.map(\.1)
            return CopiedTable(name: name, columns: entry.columns, key: key)
        }
    }

    public func rowCount(table: String) throws -> Int {
        guard Self.shardedTables.contains(table) else {
            return Int(try session.query("SELECT count(*) FROM \(Self.quoted(table))")[0].int(0))
        }
        let groups = try copyableTables().first { $0.name == table }?.key.map(Self.quoted).joined(separator: ", ") ?? "*"
        return Int(try session.query("SELECT count(*) FROM (SELECT DISTINCT \(groups) FROM \(Self.quoted(table))) AS g")[0].int(0))
    }

    /// The table as a copy reads it: a sharded counter table summed over its shards.
    func copySource(_ table: CopiedTable) -> String {
        guard Self.shardedTables.contains(table.name) else { return Self.quoted(table.name) }
        let sums = table.columns.map { table.key.contains($0) ? Self.quoted($0) : "sum(\(Self.quoted($0)))::int8 AS \(Self.quoted($0))" }
        return "(SELECT \(sums.joined(separator: ", ")) FROM \(Self.quoted(table.name)) GROUP BY \(table.key.map(Self.quoted).joined(separator: ", "))) AS summed"
    }

    public func readRows(_ table: CopiedTable, after: [StoredValue]?, limit: Int) throws -> [[StoredValue]] {
        let kinds = try columnKinds(table.name)
        let select = table.columns.map { column -> String in
            switch kinds[column] ?? .text {
            case .boolean: "\(Self.quoted(column))::int::int8"
            case .integer: "\(Self.quoted(column))::int8"
            case .real: "\(Self.quoted(column))::float8"
            case .text: "\(Self.quoted(column))::text"
            }
        }
        let keys = table.key.map { kinds[$0] == .text ? "\(Self.quoted($0)) COLLATE \"C\"" : Self.quoted($0) }
        var sql = "SELECT \(select.joined(separator: ", ")) FROM \(copySource(table))"
        var values: [PostgresValue] = []
        if let after {
            values = zip(table.key, after).map { Self.bind($1, as: kinds[$0] ?? .text) }
            let placeholders = table.key.indices.map { index in
                kinds[table.key[index]] == .text ? "$\(index + 1)::text COLLATE \"C\"" : "$\(index + 1)"
            }
            sql += " WHERE (\(keys.joined(separator: ", "))) > (\(placeholders.joined(separator: ", ")))"
        }
        sql += " ORDER BY \(keys.joined(separator: ", ")) LIMIT \(limit)"
        return try session.query(sql, values).map { row in
            try table.columns.indices.map { index -> StoredValue in
                switch kinds[table.columns[index]] ?? .text {
                case .boolean, .integer: try row.optionalInt(index).map(StoredValue.integer) ?? .null
                case .real: try row.optionalDouble(index).map(StoredValue.real) ?? .null
                case .text: try row.optionalString(index).map(StoredValue.text) ?? .null
                }
            }
        }
    }

    public func writeRows(_ table: CopiedTable, _ rows: [[StoredValue]], progress: CopyProgress) throws {
        let kinds = try columnKinds(table.name)
        let name = Self.quoted(table.name)
        let columns = table.columns.map(Self.quoted).joined(separator: ", ")
        // As many rows per statement as the protocol's 65,535 parameters allow.
        let perStatement = max(1, min(500, 60_000 / max(1, table.columns.count)))
        try session.transaction { tx in
            try tx.query("ALTER TABLE \(name) DISABLE TRIGGER USER")
            var start = 0
            while start < rows.count {
                let chunk = rows[start..<min(rows.count, start + perStatement)]
                var values: [PostgresValue] = []
                var tuples: [String] = []
                for row in chunk {
                    var placeholders: [String] = []
                    for (column, value) in zip(table.columns, row) {
                        values.append(Self.bind(value, as: kinds[column] ?? .text))
                        placeholders.append("$\(values.count)")
                    }
                    tuples.append("(" + placeholders.joined(separator: ", ") + ")")
                }
                try tx.query("INSERT INTO \(name) (\(columns)) VALUES \(tuples.joined(separator: ", ")) \(Self.onConflict(table))", values)
                start += chunk.count
            }
            try tx.query("ALTER TABLE \(name) ENABLE TRIGGER USER")
            try Self.saveProgress(tx, progress)
        }
    }

    public func copyProgress() throws -> CopyProgress? {
        guard let text = try session.query("SELECT value FROM meta WHERE key = $1", [.text(Self.progressKey)]).first?.string(0) else { return nil }
        return try JSONDecoder().decode(CopyProgress.self, from: Data(text.utf8))
    }

    public func finishCopy(_ progress: CopyProgress) throws {
        try session.transaction { tx in
            for row in try tx.query("""
                SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'
                """) {
                let table = Self.quoted(try row.string(0)), column = Self.quoted(try row.string(1))
                try tx.query("""
                    SELECT setval(pg_get_serial_sequence($1, $2), (SELECT coalesce(max(\(column)), 0) + 1 FROM \(table)), false)
                    """, [.text(table), .text(try row.string(1))])
            }
            try Self.saveProgress(tx, progress)
        }
    }

    /// A row already there stays, except in `meta`: the source's policy fingerprint comes
    /// along, so the copy's deadlines are recomputed when it opens under another policy.
    static func onConflict(_ table: CopiedTable) -> String {
        table.name == "meta" ? "ON CONFLICT (key) DO UPDATE SET value = excluded.value" : "ON CONFLICT DO NOTHING"
    }

    static func saveProgress(_ tx: PostgresTransaction, _ progress: CopyProgress) throws {
        let text = String(decoding: try JSONEncoder().encode(progress), as: UTF8.self)
        try tx.query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     [.text(progressKey), .text(text)])
    }

    static func bind(_ value: StoredValue, as kind: ColumnKind) -> PostgresValue {
        switch (value, kind) {
        case (.null, _): .null
        case (.integer(let v), .boolean): .bool(v != 0)
        case (.integer(let v), .real): .double(Double(v))
        case (.integer(let v), .text): .text(String(v))
        case (.integer(let v), .integer): .int(v)
        case (.real(let v), .integer): .int(Int64(v))
        case (.real(let v), .text): .text(String(v))
        case (.real(let v), _): .double(v)
        case (.text(let v), .boolean): .bool(v == "1" || v == "true")
        case (.text(let v), .integer): Int64(v).map(PostgresValue.int) ?? .text(v)
        case (.text(let v), .real): Double(v).map(PostgresValue.double) ?? .text(v)
        case (.text(let v), .text): .text(v)
        }
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
