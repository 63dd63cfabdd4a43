import GRDB

/// The v7-flow tables: the policy of the nearest clock on the ticket row (the queue names the
/// clock beside the countdown) and snoozes (`z`: a ticket leaves the queue until a time).
enum FlowSchema {
    static func v7(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE ticket ADD COLUMN due_policy TEXT;
            -- The nearest clock that is not paused, as ClockColumns writes it from now on.
            UPDATE ticket SET due_policy = (
                SELECT json_extract(value, '$.policy') FROM json_each(ticket.clocks)
                WHERE json_extract(value, '$.paused') = 0
                ORDER BY json_extract(value, '$.due') LIMIT 1)
            WHERE needs_reply = 1;

            -- One row per snoozed ticket; a row whose time has passed is a finished snooze.
            CREATE TABLE ticket_snooze (
                ticket_id INTEGER PRIMARY KEY REFERENCES ticket(id),
                until REAL NOT NULL,
                agent TEXT NOT NULL,
                at REAL NOT NULL
            );
            CREATE INDEX ticket_snooze_until ON ticket_snooze(until);
            """)
    }
}
