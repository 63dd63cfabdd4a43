import Foundation
import KefuCore

/// Presence on PostgreSQL: the same table and upsert as SQLite; every console on the server
/// reads the same board.
extension PostgresTicketStore: PresenceBoard {
    public func announcePresence(agent: String, ticketID: Int64?, activity: PresenceActivity, ttl: TimeInterval, now: Date) throws {
        let t = now.timeIntervalSince1970
        guard let ticketID else {
            try session.query("DELETE FROM presence WHERE agent = $1", [.text(agent)])
            return
        }
        try session.query(Self.presenceUpsert,
                          [.text(agent), .int(ticketID), .text(activity.rawValue), .double(t), .double(t + ttl), .double(t)])
    }

    public func presence(now: Date) throws -> [Presence] {
        try session.query("SELECT agent, ticket_id, activity, since, until FROM presence WHERE until > $1 ORDER BY agent",
                          [.double(now.timeIntervalSince1970)]).compactMap { row in
            guard let activity = PresenceActivity(rawValue: try row.string(2)) else { return nil }
            return Presence(agent: try row.string(0), ticketID: try row.int(1), activity: activity, since: try row.date(3), until: try row.date(4))
        }
    }

    /// The agent's row; `since` stays while the agent keeps the same ticket and activity and the
    /// entry had not lapsed, so "typing since 14:02" means since the first keystroke.
    static let presenceUpsert = """
        INSERT INTO presence (agent, ticket_id, activity, since, until) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (agent) DO UPDATE SET
            since = CASE WHEN presence.ticket_id = excluded.ticket_id AND presence.activity = excluded.activity
                         AND presence.until > $6 THEN presence.since ELSE excluded.since END,
            ticket_id = excluded.ticket_id, activity = excluded.activity, until = excluded.until
        """
}
