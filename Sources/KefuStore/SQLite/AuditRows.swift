import Foundation
import GRDB
import KefuCore

/// The `audit_log` table on SQLite: one row per change, written inside the change's own write
/// transaction (so a refused change leaves none), and never updated or deleted (triggers refuse).
enum AuditRows {
    /// Migration `v11-audit`.
    static func install(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                at REAL NOT NULL,
                agent TEXT NOT NULL,
                action TEXT NOT NULL,
                ticket_id INTEGER,
                detail TEXT NOT NULL
            );
            CREATE INDEX audit_log_at ON audit_log(at, id);
            CREATE INDEX audit_log_ticket ON audit_log(ticket_id, at, id);
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """)
    }

    static func record(_ db: Database, at: Date, agent: String, action: AuditAction, ticketID: Int64?, detail: String) throws {
        try db.execute(sql: "INSERT INTO audit_log (at, agent, action, ticket_id, detail) VALUES (?, ?, ?, ?, ?)",
                       arguments: [at.timeIntervalSince1970, agent, action.rawValue, ticketID, detail])
    }

    /// Rows whose action this build does not know (a newer Kefu wrote them) are left out.
    static func fetch(_ db: Database, _ query: AuditQuery) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let since = query.since { conditions.append("at >= ?"); arguments += [since.timeIntervalSince1970] }
        if let ticket = query.ticketID { conditions.append("ticket_id = ?"); arguments += [ticket] }
        if let agent = query.agent { conditions.append("agent = ?"); arguments += [agent] }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        var sql = "SELECT id, at, agent, action, ticket_id, detail FROM audit_log \(filter) ORDER BY at DESC, id DESC"
        if let limit = query.limit { sql += " LIMIT ?"; arguments += [max(0, limit)] }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).reversed().compactMap { row in
            guard let action = AuditAction(rawValue: row[3]) else { return nil }
            return AuditEntry(id: row[0], at: Date(timeIntervalSince1970: row[1]), agent: row[2], action: action,
                              ticketID: row[4], detail: row[5])
        }
    }
}

extension SQLiteTicketStore: AuditLog {
    public func auditEntries(_ query: AuditQuery) throws -> [AuditEntry] {
        try pool.read { db in try AuditRows.fetch(db, query) }
    }
}
