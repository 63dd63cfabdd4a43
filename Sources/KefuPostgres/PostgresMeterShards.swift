extension PostgresSchema {
    /// The hourly meters split over 16 shards per group. Deferring the counters to commit
    /// (migration 9) still left every transaction that settles a deadline or stores a message
    /// holding one of a few rows (this hour, unassigned, Amazon) through its commit's WAL flush,
    /// so fifty agents took turns on it: `kefu-bench claims` at 50 agents spent 42 of 50
    /// sessions waiting on a transaction lock, 101 claims/s, "no response needed" p50 275 ms.
    /// Each connection now adds to the shard of its backend (`pg_backend_pid() % 16`); readers
    /// already sum over groups. `kefu store copy` reads the shards summed, as one row per group
    /// like SQLite's (`PostgresStoreRowCopying.shardedTables`).
    static let version12MeterShards = """
        ALTER TABLE meter_hour ADD COLUMN shard smallint NOT NULL DEFAULT 0;
        ALTER TABLE meter_hour DROP CONSTRAINT meter_hour_pkey;
        ALTER TABLE meter_hour ADD PRIMARY KEY (hour, agent, channel, marketplace, shard);
        ALTER TABLE message_hour ADD COLUMN shard smallint NOT NULL DEFAULT 0;
        ALTER TABLE message_hour DROP CONSTRAINT message_hour_pkey;
        ALTER TABLE message_hour ADD PRIMARY KEY (hour, direction, shard);
        CREATE OR REPLACE FUNCTION deadline_outcome_meter() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO meter_hour AS h (hour, agent, channel, marketplace, shard, deadlines, met, excused, answers, late24, unanswered)
            VALUES (floor(NEW.settled_at / 3600)::bigint, coalesce(NEW.agent, ''), NEW.channel, NEW.marketplace, pg_backend_pid() % 16,
                    (NOT NEW.excused)::int, (NOT NEW.excused AND NEW.met)::int, NEW.excused::int, NEW.answer::int,
                    (NEW.answer AND NEW.elapsed_calendar > 86400)::int,
                    (NEW.unanswered AND NOT EXISTS (
                        SELECT 1 FROM deadline_outcome o WHERE o.ticket_id = NEW.ticket_id
                        AND o.settled_at = NEW.settled_at AND o.kind = NEW.kind AND o.id < NEW.id))::int)
            ON CONFLICT (hour, agent, channel, marketplace, shard) DO UPDATE SET
                deadlines = h.deadlines + excluded.deadlines, met = h.met + excluded.met,
                excused = h.excused + excluded.excused, answers = h.answers + excluded.answers,
                late24 = h.late24 + excluded.late24, unanswered = h.unanswered + excluded.unanswered;
            RETURN NULL;
        END $$;
        CREATE OR REPLACE FUNCTION message_meters() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO message_hour AS h (hour, direction, shard, count) VALUES (floor(NEW.at / 3600)::bigint, NEW.direction, pg_backend_pid() % 16, 1)
            ON CONFLICT (hour, direction, shard) DO UPDATE SET count = h.count + 1;
            RETURN NULL;
        END $$;
        """
}

extension PostgresSchema {
    /// Watch triggers inside Kefu's own transactions note the kind of change instead of sending
    /// it; the session sends it after the commit (`PostgresSession.transaction` says why). Any
    /// other writer (a single statement, psql) still notifies at once.
    static let version13NotifyAfterCommit = """
        CREATE OR REPLACE FUNCTION kefu_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_setting('kefu.notify_after_commit', true) = 'on' THEN
                PERFORM set_config('kefu.changed_' || TG_ARGV[0], 'on', true);
            ELSE
                PERFORM pg_notify('kefu_change', TG_ARGV[0]);
            END IF;
            RETURN NULL;
        END
        $$;
        """
}
