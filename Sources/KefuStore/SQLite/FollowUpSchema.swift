import GRDB

/// The v13-followups tables: follow-ups (`F` and the order rules), the earliest open one's time
/// on the ticket row (so clocks and the queue order see it without a join), the shipping facts
/// an order report may give, and carrier events (`kefu import events`).
enum FollowUpSchema {
    static func v13(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE follow_up (
                id INTEGER PRIMARY KEY,
                ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                kind TEXT NOT NULL,          -- at, delivered, silent (FollowUpWhen)
                days INTEGER,                -- silent: days without a carrier event
                due_at REAL,                 -- nil while a parcel-driven one still waits
                created_at REAL NOT NULL,
                created_by TEXT NOT NULL,
                rule TEXT,                   -- the rule that made it; nil for an agent's
                order_id TEXT,
                note TEXT NOT NULL DEFAULT '',
                done_at REAL,
                done_by TEXT
            );
            -- A rule fires once per order and reason, however often the rules run.
            CREATE UNIQUE INDEX follow_up_rule_order ON follow_up(rule, order_id) WHERE rule IS NOT NULL;
            CREATE INDEX follow_up_open_due ON follow_up(due_at) WHERE done_at IS NULL;
            CREATE INDEX follow_up_ticket ON follow_up(ticket_id);
            ALTER TABLE ticket ADD COLUMN follow_up_at REAL;

            ALTER TABLE orders ADD COLUMN ship_street TEXT;
            ALTER TABLE orders ADD COLUMN ship_house TEXT;
            ALTER TABLE orders ADD COLUMN ship_postcode TEXT;
            ALTER TABLE orders ADD COLUMN ship_city TEXT;
            ALTER TABLE orders ADD COLUMN ship_country TEXT;
            ALTER TABLE orders ADD COLUMN ship_by REAL;
            ALTER TABLE orders ADD COLUMN shipped_at REAL;

            -- What carriers said about a parcel, by tracking number (no order needed to import).
            CREATE TABLE carrier_event (
                id INTEGER PRIMARY KEY,
                tracking_number TEXT NOT NULL,
                at REAL NOT NULL,
                status TEXT NOT NULL,
                text TEXT NOT NULL DEFAULT '',
                UNIQUE (tracking_number, at, status)
            );
            CREATE INDEX parcel_tracking ON parcel(tracking_number);
            """)
    }
}
