import GRDB

/// Tables of the scam checks (issue 16): one row per finding of an incoming message, with the
/// customer and time a scam wave counts by; the ticket row keeps the queue's mark word.
enum SafetySchema {
    static func v7(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE message_finding (
                id INTEGER PRIMARY KEY,
                message_id INTEGER NOT NULL REFERENCES message(id),
                ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                category TEXT NOT NULL,
                signal TEXT NOT NULL,
                shown TEXT NOT NULL,
                wave_key TEXT,
                detail TEXT NOT NULL,
                customer TEXT NOT NULL,
                at REAL NOT NULL
            );
            CREATE INDEX message_finding_ticket ON message_finding(ticket_id, message_id);
            -- Scam waves: the findings since an instant, grouped by host or phrase.
            CREATE INDEX message_finding_wave ON message_finding(at, wave_key);
            ALTER TABLE ticket ADD COLUMN safety_mark TEXT;
            """)
    }
}
