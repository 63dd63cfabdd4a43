import Foundation
import KefuCore

/// The scam checks' findings on PostgreSQL (`message_finding`), as the SQLite store keeps them.
enum PostgresSafetyFindings {
    static func insert(
        _ tx: PostgresTransaction, _ findings: [SafetyFinding], messageID: Int64, ticketID: Int64, customer: String, at: Date
    ) throws {
        for finding in findings {
            try tx.query("""
                INSERT INTO message_finding (message_id, ticket_id, category, signal, shown, wave_key, detail, customer, at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """, [
                    .int(messageID), .int(ticketID), .text(finding.category.rawValue), .text(finding.signal), .text(finding.shown),
                    .of(finding.key), .text(finding.detail), .text(customer.lowercased()), .double(at.timeIntervalSince1970),
                ])
        }
        if let word = findings.markWord {
            try tx.query("UPDATE ticket SET safety_mark = $1 WHERE id = $2", [.text(word), .int(ticketID)])
        }
    }

    /// The findings of a ticket's messages, by message row id.
    static func fetch(_ tx: PostgresTransaction, ticketID: Int64) throws -> [Int64: [SafetyFinding]] {
        var byMessage: [Int64: [SafetyFinding]] = [:]
        for row in try tx.query("""
            SELECT message_id, category, signal, shown, wave_key, detail FROM message_finding WHERE ticket_id = $1 ORDER BY id
            """, [.int(ticketID)]) {
            byMessage[try row.int(0), default: []].append(SafetyFinding(
                category: SafetyCategory(rawValue: try row.string(1)) ?? .link, signal: try row.string(2),
                shown: try row.string(3), key: try row.optionalString(4), detail: try row.string(5)))
        }
        return byMessage
    }
}

extension PostgresTicketStore: SafetyStore {
    public func scamWaves(now: Date, rule: ScamWaveRule) throws -> [ScamWave] {
        try session.query("""
            SELECT wave_key, bool_or(category = 'link' OR category = 'sender') AS is_host,
                   count(DISTINCT customer) AS customers, min(at) AS since
            FROM message_finding WHERE at >= $1 AND at <= $2 AND wave_key IS NOT NULL
            GROUP BY wave_key HAVING count(DISTINCT customer) >= $3
            ORDER BY customers DESC, since LIMIT 5
            """, [.double(now.timeIntervalSince1970 - rule.window), .double(now.timeIntervalSince1970),
                  .int(Int64(rule.minimumCustomers))]).map {
            ScamWave(key: try $0.string(0), isHost: try $0.bool(1), customers: Int(try $0.int(2)), since: try $0.date(3))
        }
    }

    public func tickets(mentioning key: String, since: Date) throws -> [Int64] {
        try session.query("""
            SELECT DISTINCT f.ticket_id FROM message_finding f JOIN ticket t ON t.id = f.ticket_id
            WHERE f.wave_key = $1 AND f.at >= $2 AND t.status <> 'solved' ORDER BY f.ticket_id
            """, [.text(key), .double(since.timeIntervalSince1970)]).map { try $0.int(0) }
    }
}
