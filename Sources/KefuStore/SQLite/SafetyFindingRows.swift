import Foundation
import GRDB
import KefuCore

/// Reads and writes `message_finding` rows, and keeps the ticket's queue mark.
enum SafetyFindingRows {
    static func insert(_ db: Database, _ findings: [SafetyFinding], messageID: Int64, ticketID: Int64, customer: String, at: Date) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO message_finding (message_id, ticket_id, category, signal, shown, wave_key, detail, customer, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for finding in findings {
            try statement.execute(arguments: [
                messageID, ticketID, finding.category.rawValue, finding.signal, finding.shown, finding.key, finding.detail,
                customer.lowercased(), at.timeIntervalSince1970,
            ])
        }
        if let word = findings.markWord {
            try db.cachedStatement(sql: "UPDATE ticket SET safety_mark = ? WHERE id = ?").execute(arguments: [word, ticketID])
        }
    }

    /// The findings of a ticket's messages, by message row id.
    static func fetch(_ db: Database, ticketID: Int64) throws -> [Int64: [SafetyFinding]] {
        var byMessage: [Int64: [SafetyFinding]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT message_id, category, signal, shown, wave_key, detail FROM message_finding WHERE ticket_id = ? ORDER BY id
            """), arguments: [ticketID]) {
            byMessage[row[0], default: []].append(SafetyFinding(
                category: SafetyCategory(rawValue: row[1]) ?? .link, signal: row[2], shown: row[3], key: row[4], detail: row[5]))
        }
        return byMessage
    }
}

extension SQLiteTicketStore: SafetyStore {
    public func scamWaves(now: Date, rule: ScamWaveRule) throws -> [ScamWave] {
        try pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT wave_key, max(category = 'link' OR category = 'sender') AS is_host,
                       count(DISTINCT customer) AS customers, min(at) AS since
                FROM message_finding WHERE at >= ? AND at <= ? AND wave_key IS NOT NULL
                GROUP BY wave_key HAVING customers >= ?
                ORDER BY customers DESC, since LIMIT 5
                """), arguments: [now.timeIntervalSince1970 - rule.window, now.timeIntervalSince1970, rule.minimumCustomers]).map {
                ScamWave(key: $0[0], isHost: $0[1], customers: $0[2], since: Date(timeIntervalSince1970: $0[3]))
            }
        }
    }

    /// The ids of open tickets whose messages mention a wave's key, newest first (the dashboard's
    /// "show these customers").
    public func tickets(mentioning key: String, since: Date) throws -> [Int64] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT DISTINCT f.ticket_id FROM message_finding f JOIN ticket t ON t.id = f.ticket_id
                WHERE f.wave_key = ? AND f.at >= ? AND t.status != 'solved' ORDER BY f.ticket_id
                """, arguments: [key, since.timeIntervalSince1970])
        }
    }
}
