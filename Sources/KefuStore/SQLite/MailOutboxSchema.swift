import GRDB

extension MailSchema {
    /// Migration `v6-mail`: the evidence a reply carries. Written by `send` in the reply's own
    /// transaction, as a snapshot of the evidence record at that moment (hash, name, type), so
    /// delivery sends exactly what the agent saw and can tell when the evidence changed or went.
    static func v6(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE outbox_attachment (
                outbox_id INTEGER NOT NULL REFERENCES outbox(id),
                position INTEGER NOT NULL,
                evidence_id TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                filename TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                PRIMARY KEY (outbox_id, position)
            );
            """)
    }

    /// Migration `v6-mail-drafts`: the composer's Ctrl-O choice kept with the draft's text.
    static func v6Drafts(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE draft ADD COLUMN attach_evidence INTEGER NOT NULL DEFAULT 0")
    }
}

extension MailSchema {
    /// Migration `v11-deliver`: a deliverer's lease on a reply (token, expiry) and when a failed
    /// reply is due again. Failed rows get the retry time the old back-off rule gave them.
    static func v11Leases(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE outbox ADD COLUMN lease_token TEXT;
            ALTER TABLE outbox ADD COLUMN lease_until REAL;
            ALTER TABLE outbox ADD COLUMN retry_at REAL;
            UPDATE outbox SET retry_at = updated_at + 30 * (1 << max(attempts - 1, 0)) WHERE state = 'failed';
            """)
    }
}
