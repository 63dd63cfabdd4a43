import Foundation
import GRDB
import KefuCore

extension SQLiteTicketStore: TemplateUsageRecording {
    public func recordTemplateUse(_ name: String, now: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO template_usage (name, uses, last_used) VALUES (?, 1, ?)
                ON CONFLICT(name) DO UPDATE SET uses = uses + 1, last_used = excluded.last_used
                """, arguments: [name, now.timeIntervalSince1970])
        }
    }

    public func templateUsage() throws -> [String: Int] {
        try pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, uses FROM template_usage").map { ($0[0], $0[1]) })
        }
    }
}
