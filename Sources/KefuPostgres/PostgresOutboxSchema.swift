extension PostgresSchema {
    /// A deliverer's lease on a reply (token, expiry) and when a failed reply is due again, as
    /// SQLite's `v11-deliver`. The partial index keeps the claim's scan to replies not yet sent.
    static let version6OutboxLeases = """
        ALTER TABLE outbox ADD COLUMN lease_token text;
        ALTER TABLE outbox ADD COLUMN lease_until double precision;
        ALTER TABLE outbox ADD COLUMN retry_at double precision;
        UPDATE outbox SET retry_at = updated_at + 30 * power(2, greatest(attempts - 1, 0)) WHERE state = 'failed';
        CREATE INDEX outbox_unsent ON outbox(id) WHERE state != 'sent';
        """
}
