import GRDB

/// Migration `v16-notify`: when a customer opted out of notices, and a "not before" time on
/// outbox rows, which the claim honours (notices are spaced by the channel's rate).
enum NoticeSchema {
    static func v16(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE customer ADD COLUMN opted_out_at REAL;
            ALTER TABLE outbox ADD COLUMN not_before REAL;
            -- The last notice waiting on a channel is read from the top of this index.
            CREATE INDEX outbox_not_before ON outbox(not_before) WHERE not_before IS NOT NULL;
            """)
    }
}
