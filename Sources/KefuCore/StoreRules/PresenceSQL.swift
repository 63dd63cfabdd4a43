/// The presence upsert both backends run (the SQL is the same in SQLite and PostgreSQL): the
/// row is the agent's; `since` stays while the agent keeps the same ticket and activity and the
/// entry had not lapsed, so "typing since 14:02" means since the first keystroke.
public enum PresenceSQL {
    /// Parameters, in order: agent, ticket id, activity, now, until, now.
    public static func upsert(placeholder: (Int) -> String) -> String {
        let p = (1...6).map(placeholder)
        return """
            INSERT INTO presence (agent, ticket_id, activity, since, until) VALUES (\(p[0]), \(p[1]), \(p[2]), \(p[3]), \(p[4]))
            ON CONFLICT (agent) DO UPDATE SET
                since = CASE WHEN presence.ticket_id = excluded.ticket_id AND presence.activity = excluded.activity
                             AND presence.until > \(p[5]) THEN presence.since ELSE excluded.since END,
                ticket_id = excluded.ticket_id, activity = excluded.activity, until = excluded.until
            """
    }
}
