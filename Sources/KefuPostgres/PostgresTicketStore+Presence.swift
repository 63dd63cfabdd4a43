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
        try session.query(PresenceSQL.upsert(placeholder: { "$\($0)" }),
                          [.text(agent), .int(ticketID), .text(activity.rawValue), .double(t), .double(t + ttl), .double(t)])
    }

    public func presence(now: Date) throws -> [Presence] {
        try session.query("SELECT agent, ticket_id, activity, since, until FROM presence WHERE until > $1 ORDER BY agent",
                          [.double(now.timeIntervalSince1970)]).compactMap { row in
            guard let activity = PresenceActivity(rawValue: try row.string(2)) else { return nil }
            return Presence(agent: try row.string(0), ticketID: try row.int(1), activity: activity, since: try row.date(3), until: try row.date(4))
        }
    }
}
