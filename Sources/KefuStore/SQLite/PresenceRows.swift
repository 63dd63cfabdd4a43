import Foundation
import GRDB
import KefuCore

/// Presence on SQLite: one row per agent, renewed by the console while a ticket is open.
extension SQLiteTicketStore: PresenceBoard {
    public func announcePresence(agent: String, ticketID: Int64?, activity: PresenceActivity, ttl: TimeInterval, now: Date) throws {
        let t = now.timeIntervalSince1970
        try pool.write { db in
            guard let ticketID else {
                try db.execute(sql: "DELETE FROM presence WHERE agent = ?", arguments: [agent])
                return
            }
            try db.execute(sql: Self.presenceUpsert, arguments: [agent, ticketID, activity.rawValue, t, t + ttl, t])
        }
    }

    public func presence(now: Date) throws -> [Presence] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT agent, ticket_id, activity, since, until FROM presence WHERE until > ? ORDER BY agent",
                             arguments: [now.timeIntervalSince1970]).compactMap { row in
                guard let activity = PresenceActivity(rawValue: row[2]) else { return nil }
                return Presence(agent: row[0], ticketID: row[1], activity: activity,
                                since: Date(timeIntervalSince1970: row[3]), until: Date(timeIntervalSince1970: row[4]))
            }
        }
    }

    /// The agent's row; `since` stays while the agent keeps the same ticket and activity and the
    /// entry had not lapsed, so "typing since 14:02" means since the first keystroke.
    static let presenceUpsert = """
        INSERT INTO presence (agent, ticket_id, activity, since, until) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (agent) DO UPDATE SET
            since = CASE WHEN presence.ticket_id = excluded.ticket_id AND presence.activity = excluded.activity
                         AND presence.until > ? THEN presence.since ELSE excluded.since END,
            ticket_id = excluded.ticket_id, activity = excluded.activity, until = excluded.until
        """
}
