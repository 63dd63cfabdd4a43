import GRDB

/// The tables mail import and delivery add (migration `v3-mail`).
enum MailSchema {
    static func v3(_ db: Database) throws {
        try db.execute(sql: """
            -- Files that came with a message; the bytes live in the content-addressed evidence
            -- store (evidence/objects/..), named by sha256.
            CREATE TABLE message_attachment (
                message_id INTEGER NOT NULL REFERENCES message(id),
                position INTEGER NOT NULL,
                filename TEXT NOT NULL,
                content_type TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                size INTEGER NOT NULL,
                inline INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (message_id, position)
            );
            CREATE INDEX message_attachment_sha256 ON message_attachment(sha256);

            -- Messages that arrived as mail (Maildir, mbox, watch): their external_id is the
            -- Message-ID (or content-<hash>), and replies to their tickets go out as mail.
            CREATE TABLE mail_origin (
                message_id INTEGER PRIMARY KEY REFERENCES message(id),
                source TEXT NOT NULL
            );

            -- Delivery: the Message-ID is fixed when the row is queued (the trigger below), so a
            -- retry after a crash sends the very same message; `route` is how it went out
            -- (email or jsonl) and `handed_over_at` when the handoff was confirmed.
            ALTER TABLE outbox ADD COLUMN mail_message_id TEXT;
            ALTER TABLE outbox ADD COLUMN route TEXT;
            ALTER TABLE outbox ADD COLUMN handed_over_at REAL;
            UPDATE outbox SET mail_message_id = 'kefu.' || id || '.' || lower(hex(randomblob(8))) || '@'
                || coalesce((SELECT value FROM meta WHERE key = 'mail.message_id_domain'), 'kefu.invalid');
            CREATE TRIGGER outbox_fix_message_id AFTER INSERT ON outbox WHEN NEW.mail_message_id IS NULL
            BEGIN
                UPDATE outbox SET mail_message_id = 'kefu.' || NEW.id || '.' || lower(hex(randomblob(8))) || '@'
                    || coalesce((SELECT value FROM meta WHERE key = 'mail.message_id_domain'), 'kefu.invalid')
                WHERE id = NEW.id;
            END;

            -- Order reports name the buyer's email; tickets find their order through it.
            ALTER TABLE orders ADD COLUMN buyer_email TEXT;
            CREATE INDEX ticket_customer_address ON ticket(customer_address);
            """)
    }
}
