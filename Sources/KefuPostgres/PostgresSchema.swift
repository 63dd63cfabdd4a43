import Foundation
import KefuCore

/// The store's tables on PostgreSQL, as numbered migrations applied in order and recorded in
/// `kefu_migration`. Never edit a shipped migration: add the next one. The tables mirror the
/// SQLite store's (times as seconds since 1970 in `double precision`, so both backends order
/// and compare them alike); what SQLite does with triggers is done here with PL/pgSQL.
///
/// A migration that adds a table the console shows watches it too (`SELECT kefu_watch(...)`,
/// migration 8), so open consoles hear of its changes.
///
/// A database whose `kefu_migration` names a version this binary does not have was written
/// by a newer Kefu and is refused, naming both versions; a database that has tables but no
/// `kefu_migration` belongs to another program and is refused too.
enum PostgresSchema {
    struct Migration {
        var version: Int
        var name: String
        var sql: String
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "tickets, messages, orders, outbox, drafts, deadlines, quarantine, mail, evidence, team, meters", sql: version1),
        Migration(version: 2, name: "the nearest clock's policy on the ticket row (the queue names the clock)", sql: version2),
        Migration(version: 3, name: "claims: who works a ticket, as a lease", sql: version3),
        Migration(version: 4, name: "snoozed tickets", sql: version4),
        Migration(version: 5, name: "presence: who reads or types in which ticket", sql: version5),
        Migration(version: 6, name: "outbox leases: several deliverers share the outbox", sql: version6OutboxLeases),
        Migration(version: 7, name: "the append-only audit log of claims, assignments, outcomes, holds, snoozes and removals", sql: version7),
        Migration(version: 8, name: "change notifications: every watched table tells listening consoles what moved", sql: version8),
        Migration(version: 9, name: "meter counters updated at commit, so fifty agents do not queue on one hour's row", sql: version9),
        Migration(version: 10, name: "customers: the tables and columns SQLite's v12-customers has, so a store copies both ways", sql: version10Customers),
        Migration(version: 11, name: "follow-ups, order shipping facts and carrier events (tables only: the store's follow-up operations are SQLite's yet)", sql: version11),
        Migration(version: 12, name: "meter counters in 16 shards per group, so commits do not take turns on one row", sql: version12MeterShards),
        Migration(version: 13, name: "change notifications sent after the commit, so commits do not take turns on the notification lock", sql: version13NotifyAfterCommit),
        Migration(version: 14, name: "n as one server function, one round trip per claim", sql: version14ClaimFunction),
        Migration(version: 15, name: "how a mail with broken structure was read (SQLite's v14-reading-notes)", sql: PostgresReadingNotes.version15),
        Migration(version: 16, name: "customers linked, listed and merged on PostgreSQL: the indexes that needs", sql: version16CustomerIndexes),
        Migration(version: 17, name: "the outbox found by Message-ID, for delivery reports and replies to replies (SQLite's v15-bounces)",
                  sql: "CREATE INDEX outbox_mail_message_id ON outbox(mail_message_id);"),
        Migration(version: 18, name: "follow-ups on PostgreSQL: parcels found by tracking number for carrier events (SQLite's parcel_tracking)",
                  sql: "CREATE INDEX parcel_tracking ON parcel(tracking_number);"),
        Migration(version: 19, name: "notices: customers who opted out, a not-before time on outbox rows (SQLite's v16-notify)", sql: PostgresTicketStore.version19Notify),
    ]

    static var latest: Int { migrations.last!.version }

    /// Brings the database to the latest version; one transaction per migration, under an
    /// advisory lock so several kefu processes opening a new database at once migrate it once.
    static func migrate(_ session: PostgresSession) throws {
        // The usual case, a store already at this version, in two statements without the lock
        // (every console start pays this; the locked path below is seven round trips).
        if try session.query("SELECT to_regclass('kefu_migration') IS NOT NULL")[0].bool(0) {
            let applied = try session.query("SELECT count(*), coalesce(max(version), 0) FROM kefu_migration")[0]
            if try applied.int(0) == Int64(migrations.count), try applied.int(1) == Int64(latest) { return }
        }
        try session.transaction { tx in
            try tx.query("SELECT pg_advisory_xact_lock(7238001)")
            let hasTable = try tx.query("SELECT to_regclass('kefu_migration') IS NOT NULL")[0].bool(0)
            if !hasTable {
                let others = try tx.query("""
                    SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()
                    """)[0].int(0)
                if others > 0 {
                    throw PostgresStoreError(
                        message: "the database \(session.address.database) on \(session.address.host):\(session.address.port) holds tables of another program (no kefu_migration table); give Kefu a database of its own (createdb)",
                        sqlState: nil)
                }
                try tx.query("""
                    CREATE TABLE kefu_migration (
                        version integer PRIMARY KEY,
                        name text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """)
            }
            let applied = Set(try tx.query("SELECT version FROM kefu_migration").map { Int(try $0.int(0)) })
            if let newest = applied.max(), newest > latest {
                throw PostgresStoreError(
                    message: "the store at \(session.address) was written by a newer Kefu (schema version \(newest); this kefu knows up to \(latest)); update kefu on this machine",
                    sqlState: nil)
            }
            for migration in migrations where !applied.contains(migration.version) {
                for statement in statements(of: migration.sql) { try tx.query(statement) }
                try tx.query("INSERT INTO kefu_migration (version, name) VALUES ($1, $2)", [.int(Int64(migration.version)), .text(migration.name)])
            }
        }
    }

    /// The statements of a script, one by one (the extended protocol postgres-nio speaks takes
    /// one statement at a time): a statement ends with a line ending in `;` outside a `$$` body.
    static func statements(of script: String) -> [String] {
        var statements: [String] = []
        var current: [Substring] = []
        var inBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            current.append(line)
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, line.trimmingCharacters(in: .whitespaces).hasSuffix(";") {
                statements.append(current.joined(separator: "\n"))
                current = []
            }
        }
        let rest = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    /// The policy of the nearest clock that is not paused, as `ClockColumns` writes it from now on.
    static let version2 = """
        ALTER TABLE ticket ADD COLUMN due_policy text;
        UPDATE ticket SET due_policy = (
            SELECT c->>'policy' FROM jsonb_array_elements(ticket.clocks::jsonb) c
            WHERE NOT (c->>'paused')::boolean ORDER BY (c->>'due')::double precision LIMIT 1)
        WHERE needs_reply;
        """

    static let version1 = """
        CREATE TABLE ticket (
            id bigint PRIMARY KEY,
            conversation text NOT NULL UNIQUE,
            channel text NOT NULL,
            marketplace text NOT NULL,
            customer_name text NOT NULL,
            customer_address text NOT NULL,
            subject text NOT NULL,
            snippet text NOT NULL,
            status text NOT NULL DEFAULT 'open',
            last_from text NOT NULL,
            last_message_at double precision NOT NULL,
            last_outbound_at double precision,
            awaiting_since double precision,
            has_replied boolean NOT NULL DEFAULT false,
            clocks text NOT NULL DEFAULT '[]',
            due_at double precision,
            due_target double precision,
            queue_key double precision NOT NULL,
            needs_reply boolean NOT NULL DEFAULT false,
            language text,
            order_id text,
            message_count bigint NOT NULL DEFAULT 0,
            search_text text NOT NULL DEFAULT '',
            version bigint NOT NULL DEFAULT 1,
            holds text NOT NULL DEFAULT '[]',
            opened_at double precision,
            kind text NOT NULL DEFAULT 'message',
            tags text NOT NULL DEFAULT '',
            segment text,
            warn_at double precision,
            hold_reason text,
            assignee text,
            safety_mark text
        );
        CREATE SEQUENCE ticket_id_seq OWNED BY ticket.id;
        -- The queue is read as a window through these (keyset on queue_key, id).
        CREATE INDEX ticket_needs_reply ON ticket(status, needs_reply, queue_key, id);
        CREATE INDEX ticket_open ON ticket(status, queue_key, id);
        CREATE INDEX ticket_order ON ticket(order_id);
        CREATE INDEX ticket_customer_last ON ticket(status, last_from, queue_key, id);
        CREATE INDEX ticket_assignee_needs_reply ON ticket(status, needs_reply, assignee, queue_key, id);
        CREATE INDEX ticket_assignee_open ON ticket(status, assignee, queue_key, id);
        CREATE INDEX ticket_customer_address ON ticket(customer_address);

        CREATE TABLE message (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            ticket_id bigint NOT NULL REFERENCES ticket(id),
            external_id text NOT NULL UNIQUE,
            direction text NOT NULL,
            author text NOT NULL,
            recipient text NOT NULL,
            at double precision NOT NULL,
            subject text NOT NULL,
            body text NOT NULL,
            language text
        );
        CREATE INDEX message_ticket ON message(ticket_id, at, id);

        CREATE TABLE meta (
            key text PRIMARY KEY,
            value text NOT NULL
        );

        CREATE TABLE outbox (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            message_id bigint NOT NULL UNIQUE REFERENCES message(id),
            ticket_id bigint NOT NULL REFERENCES ticket(id),
            idempotency_key text NOT NULL UNIQUE,
            state text NOT NULL DEFAULT 'queued',
            attempts integer NOT NULL DEFAULT 0,
            last_error text,
            created_at double precision NOT NULL,
            updated_at double precision NOT NULL,
            mail_message_id text,
            route text,
            handed_over_at double precision
        );
        CREATE INDEX outbox_state ON outbox(state, id);
        -- The Message-ID is fixed when the reply is queued, so a retry sends the very same message.
        CREATE FUNCTION outbox_fix_message_id() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.mail_message_id IS NULL THEN
                NEW.mail_message_id := 'kefu.' || NEW.id || '.' || substr(md5(random()::text || clock_timestamp()::text), 1, 16) || '@'
                    || coalesce((SELECT value FROM meta WHERE key = 'mail.message_id_domain'), 'kefu.invalid');
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER outbox_fix_message_id BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_fix_message_id();

        CREATE TABLE outbox_attachment (
            outbox_id bigint NOT NULL REFERENCES outbox(id),
            position integer NOT NULL,
            evidence_id text NOT NULL,
            sha256 text NOT NULL,
            filename text NOT NULL,
            content_type text NOT NULL,
            size bigint NOT NULL,
            PRIMARY KEY (outbox_id, position)
        );

        CREATE TABLE draft (
            ticket_id bigint PRIMARY KEY REFERENCES ticket(id),
            body text NOT NULL,
            updated_at double precision NOT NULL,
            attach_evidence boolean NOT NULL DEFAULT false
        );

        CREATE TABLE deadline_outcome (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            ticket_id bigint NOT NULL REFERENCES ticket(id),
            kind text NOT NULL,
            policy text NOT NULL,
            business boolean NOT NULL,
            started double precision NOT NULL,
            due double precision NOT NULL,
            settled_at double precision NOT NULL,
            met boolean NOT NULL,
            elapsed_calendar double precision NOT NULL,
            elapsed_business double precision NOT NULL,
            excused boolean NOT NULL DEFAULT false,
            paused_seconds double precision NOT NULL DEFAULT 0,
            agent text,
            channel text,
            marketplace text,
            answer boolean NOT NULL DEFAULT false,
            unanswered boolean NOT NULL DEFAULT false
        );
        CREATE INDEX deadline_outcome_settled ON deadline_outcome(settled_at);
        CREATE INDEX deadline_outcome_ticket ON deadline_outcome(ticket_id, settled_at);
        CREATE INDEX deadline_outcome_answers ON deadline_outcome(settled_at, agent, channel, marketplace, kind, elapsed_calendar)
            WHERE answer;

        -- Hourly rollups kept on write, so the dashboard never scans months of records.
        CREATE TABLE meter_hour (
            hour bigint NOT NULL,
            agent text NOT NULL,
            channel text NOT NULL,
            marketplace text NOT NULL,
            deadlines bigint NOT NULL DEFAULT 0,
            met bigint NOT NULL DEFAULT 0,
            excused bigint NOT NULL DEFAULT 0,
            answers bigint NOT NULL DEFAULT 0,
            late24 bigint NOT NULL DEFAULT 0,
            unanswered bigint NOT NULL DEFAULT 0,
            PRIMARY KEY (hour, agent, channel, marketplace)
        );
        CREATE TABLE message_hour (
            hour bigint NOT NULL,
            direction text NOT NULL,
            count bigint NOT NULL,
            PRIMARY KEY (hour, direction)
        );

        -- Credit and rollups, as the SQLite store's triggers do them: the ticket's owner when the
        -- deadline settled, else the agent who sent the reply from the console; one answer per
        -- (ticket, kind, instant).
        CREATE FUNCTION deadline_outcome_credit() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE first_of_instant boolean;
        BEGIN
            SELECT t.channel, t.marketplace INTO NEW.channel, NEW.marketplace FROM ticket t WHERE t.id = NEW.ticket_id;
            NEW.agent := coalesce(
                (SELECT assignee FROM ticket WHERE id = NEW.ticket_id),
                (SELECT author FROM message m WHERE m.ticket_id = NEW.ticket_id AND m.direction = 'out'
                 AND m.at = NEW.settled_at AND m.external_id LIKE 'kefu-%' ORDER BY m.id DESC LIMIT 1));
            first_of_instant := NOT EXISTS (
                SELECT 1 FROM deadline_outcome o WHERE o.ticket_id = NEW.ticket_id
                AND o.settled_at = NEW.settled_at AND o.kind = NEW.kind);
            NEW.answer := NEW.kind <> 'resolution' AND NOT NEW.excused AND NOT NEW.unanswered AND first_of_instant;
            INSERT INTO meter_hour AS h (hour, agent, channel, marketplace, deadlines, met, excused, answers, late24, unanswered)
            VALUES (floor(NEW.settled_at / 3600)::bigint, coalesce(NEW.agent, ''), NEW.channel, NEW.marketplace,
                    (NOT NEW.excused)::int, (NOT NEW.excused AND NEW.met)::int, NEW.excused::int, NEW.answer::int,
                    (NEW.answer AND NEW.elapsed_calendar > 86400)::int, (NEW.unanswered AND first_of_instant)::int)
            ON CONFLICT (hour, agent, channel, marketplace) DO UPDATE SET
                deadlines = h.deadlines + excluded.deadlines, met = h.met + excluded.met,
                excused = h.excused + excluded.excused, answers = h.answers + excluded.answers,
                late24 = h.late24 + excluded.late24, unanswered = h.unanswered + excluded.unanswered;
            RETURN NEW;
        END $$;
        CREATE TRIGGER deadline_outcome_credit BEFORE INSERT ON deadline_outcome FOR EACH ROW EXECUTE FUNCTION deadline_outcome_credit();

        CREATE FUNCTION message_meters() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO message_hour AS h (hour, direction, count) VALUES (floor(NEW.at / 3600)::bigint, NEW.direction, 1)
            ON CONFLICT (hour, direction) DO UPDATE SET count = h.count + 1;
            RETURN NULL;
        END $$;
        CREATE TRIGGER message_meters AFTER INSERT ON message FOR EACH ROW EXECUTE FUNCTION message_meters();

        CREATE TABLE orders (
            id text PRIMARY KEY,
            marketplace text NOT NULL,
            customer_name text NOT NULL,
            placed_at double precision NOT NULL,
            total text NOT NULL,
            currency text NOT NULL,
            buyer_email text
        );
        CREATE TABLE order_item (
            order_id text NOT NULL REFERENCES orders(id),
            position integer NOT NULL,
            sku text NOT NULL,
            title text NOT NULL,
            quantity integer NOT NULL,
            PRIMARY KEY (order_id, position)
        );
        CREATE TABLE parcel (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            order_id text NOT NULL REFERENCES orders(id),
            tracking_number text NOT NULL,
            carrier text NOT NULL,
            shipped_at double precision NOT NULL,
            replaces text,
            UNIQUE (order_id, tracking_number)
        );

        CREATE TABLE quarantine (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            source text NOT NULL,
            location text NOT NULL,
            reason text NOT NULL,
            raw text NOT NULL,
            at double precision NOT NULL
        );
        -- The raw text can be large: dedupe on its digest, not on the text itself.
        CREATE UNIQUE INDEX quarantine_once ON quarantine(source, location, md5(raw));

        CREATE TABLE message_attachment (
            message_id bigint NOT NULL REFERENCES message(id),
            position integer NOT NULL,
            filename text NOT NULL,
            content_type text NOT NULL,
            sha256 text NOT NULL,
            size bigint NOT NULL,
            inline boolean NOT NULL DEFAULT false,
            PRIMARY KEY (message_id, position)
        );
        CREATE INDEX message_attachment_sha256 ON message_attachment(sha256);
        CREATE TABLE mail_origin (
            message_id bigint PRIMARY KEY REFERENCES message(id),
            source text NOT NULL
        );

        CREATE TABLE evidence (
            id text PRIMARY KEY,
            sha256 text NOT NULL,
            order_id text NOT NULL REFERENCES orders(id),
            kind text NOT NULL,
            note text,
            added_by text NOT NULL,
            added_at double precision NOT NULL,
            original_name text NOT NULL,
            size bigint NOT NULL,
            UNIQUE (order_id, sha256)
        );
        CREATE INDEX evidence_sha256 ON evidence(sha256);
        CREATE TABLE evidence_removal (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            evidence_id text NOT NULL,
            sha256 text NOT NULL,
            order_id text NOT NULL,
            kind text NOT NULL,
            note text,
            added_by text NOT NULL,
            added_at double precision NOT NULL,
            original_name text NOT NULL,
            size bigint NOT NULL,
            removed_by text NOT NULL,
            removed_at double precision NOT NULL,
            reason text NOT NULL,
            file_deleted boolean NOT NULL
        );

        CREATE TABLE assignment (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            ticket_id bigint NOT NULL REFERENCES ticket(id),
            assignee text,
            previous text,
            assigned_by text NOT NULL,
            at double precision NOT NULL
        );
        CREATE INDEX assignment_ticket ON assignment(ticket_id, id);

        CREATE TABLE ticket_outcome (
            ticket_id bigint PRIMARY KEY REFERENCES ticket(id),
            problem text NOT NULL,
            responsible text NOT NULL,
            resolution text NOT NULL,
            recorded_by text NOT NULL,
            recorded_at double precision NOT NULL,
            solved_at double precision NOT NULL
        );
        CREATE INDEX ticket_outcome_solved ON ticket_outcome(solved_at);
        CREATE TABLE ticket_outcome_history (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            ticket_id bigint NOT NULL REFERENCES ticket(id),
            problem text NOT NULL,
            responsible text NOT NULL,
            resolution text NOT NULL,
            recorded_by text NOT NULL,
            recorded_at double precision NOT NULL,
            solved_at double precision NOT NULL
        );
        CREATE INDEX ticket_outcome_history_ticket ON ticket_outcome_history(ticket_id, id);

        -- Scam checks: one row per finding of an incoming message; the ticket keeps the queue's mark.
        CREATE TABLE message_finding (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            message_id bigint NOT NULL REFERENCES message(id),
            ticket_id bigint NOT NULL REFERENCES ticket(id),
            category text NOT NULL,
            signal text NOT NULL,
            shown text NOT NULL,
            wave_key text,
            detail text NOT NULL,
            customer text NOT NULL,
            at double precision NOT NULL
        );
        CREATE INDEX message_finding_ticket ON message_finding(ticket_id, message_id);
        CREATE INDEX message_finding_wave ON message_finding(at, wave_key);

        CREATE TABLE template_usage (
            name text PRIMARY KEY,
            uses bigint NOT NULL,
            last_used double precision NOT NULL
        );
        """
}

extension PostgresSchema {
    static let version3 = """
        ALTER TABLE ticket ADD COLUMN claimed_by text;
        ALTER TABLE ticket ADD COLUMN claimed_at double precision;
        ALTER TABLE ticket ADD COLUMN claim_until double precision;
        CREATE INDEX ticket_claims ON ticket(claimed_by, claim_until) WHERE claimed_by IS NOT NULL;
        """

    static let version5 = """
        CREATE TABLE presence (
            agent text PRIMARY KEY,
            ticket_id bigint NOT NULL,
            activity text NOT NULL,
            since double precision NOT NULL,
            until double precision NOT NULL
        );
        CREATE INDEX ticket_live_claims ON ticket(claim_until) WHERE claimed_by IS NOT NULL;
        """
}

extension PostgresSchema {
    /// `z`: one row per snoozed ticket; a row whose time has passed is a finished snooze.
    static let version4 = """
        CREATE TABLE ticket_snooze (
            ticket_id bigint PRIMARY KEY REFERENCES ticket(id),
            until double precision NOT NULL,
            agent text NOT NULL,
            at double precision NOT NULL
        );
        CREATE INDEX ticket_snooze_until ON ticket_snooze(until);
        """
}

extension PostgresSchema {
    /// `LISTEN kefu_change`: a statement trigger on every table the console shows sends its
    /// kind (`data` or `presence`) once per transaction and kind (the server folds equal
    /// notifications of one transaction; the listener learns the writer's process from it).
    /// Drafts and template usage are one agent's own and tell nobody.
    static let version8 = """
        CREATE FUNCTION kefu_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('kefu_change', TG_ARGV[0]);
            RETURN NULL;
        END
        $$;
        CREATE FUNCTION kefu_watch(watched regclass, kind text) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            EXECUTE format('CREATE TRIGGER kefu_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION kefu_notify_change(%L)', watched, kind);
        END
        $$;
        SELECT kefu_watch('ticket', 'data');
        SELECT kefu_watch('message', 'data');
        SELECT kefu_watch('meta', 'data');
        SELECT kefu_watch('outbox', 'data');
        SELECT kefu_watch('deadline_outcome', 'data');
        SELECT kefu_watch('meter_hour', 'data');
        SELECT kefu_watch('message_hour', 'data');
        SELECT kefu_watch('orders', 'data');
        SELECT kefu_watch('order_item', 'data');
        SELECT kefu_watch('parcel', 'data');
        SELECT kefu_watch('quarantine', 'data');
        SELECT kefu_watch('message_attachment', 'data');
        SELECT kefu_watch('evidence', 'data');
        SELECT kefu_watch('evidence_removal', 'data');
        SELECT kefu_watch('assignment', 'data');
        SELECT kefu_watch('ticket_outcome', 'data');
        SELECT kefu_watch('message_finding', 'data');
        SELECT kefu_watch('ticket_snooze', 'data');
        SELECT kefu_watch('presence', 'presence');
        """
}

extension PostgresSchema {
    /// The hourly meters are counters on a few hot rows (this hour, outbound; this hour,
    /// unassigned): updated by a row trigger in the middle of a reply's transaction, each row
    /// stayed locked for the rest of it, and fifty agents answering at once took turns on it
    /// (measured with `kefu-bench claims`: dealing with a ticket p50 299 ms at 50 agents).
    /// As constraint triggers deferred to commit they lock those rows only while committing.
    static let version9 = """
        DROP TRIGGER message_meters ON message;
        CREATE CONSTRAINT TRIGGER message_meters AFTER INSERT ON message
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION message_meters();
        CREATE OR REPLACE FUNCTION deadline_outcome_credit() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE first_of_instant boolean;
        BEGIN
            SELECT t.channel, t.marketplace INTO NEW.channel, NEW.marketplace FROM ticket t WHERE t.id = NEW.ticket_id;
            NEW.agent := coalesce(
                (SELECT assignee FROM ticket WHERE id = NEW.ticket_id),
                (SELECT author FROM message m WHERE m.ticket_id = NEW.ticket_id AND m.direction = 'out'
                 AND m.at = NEW.settled_at AND m.external_id LIKE 'kefu-%' ORDER BY m.id DESC LIMIT 1));
            first_of_instant := NOT EXISTS (
                SELECT 1 FROM deadline_outcome o WHERE o.ticket_id = NEW.ticket_id
                AND o.settled_at = NEW.settled_at AND o.kind = NEW.kind);
            NEW.answer := NEW.kind <> 'resolution' AND NOT NEW.excused AND NOT NEW.unanswered AND first_of_instant;
            RETURN NEW;
        END $$;
        CREATE FUNCTION deadline_outcome_meter() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO meter_hour AS h (hour, agent, channel, marketplace, deadlines, met, excused, answers, late24, unanswered)
            VALUES (floor(NEW.settled_at / 3600)::bigint, coalesce(NEW.agent, ''), NEW.channel, NEW.marketplace,
                    (NOT NEW.excused)::int, (NOT NEW.excused AND NEW.met)::int, NEW.excused::int, NEW.answer::int,
                    (NEW.answer AND NEW.elapsed_calendar > 86400)::int,
                    -- The first of its instant, as the row trigger saw it: rows inserted before it
                    -- (the ticket's row lock orders them) have smaller ids.
                    (NEW.unanswered AND NOT EXISTS (
                        SELECT 1 FROM deadline_outcome o WHERE o.ticket_id = NEW.ticket_id
                        AND o.settled_at = NEW.settled_at AND o.kind = NEW.kind AND o.id < NEW.id))::int)
            ON CONFLICT (hour, agent, channel, marketplace) DO UPDATE SET
                deadlines = h.deadlines + excluded.deadlines, met = h.met + excluded.met,
                excused = h.excused + excluded.excused, answers = h.answers + excluded.answers,
                late24 = h.late24 + excluded.late24, unanswered = h.unanswered + excluded.unanswered;
            RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER deadline_outcome_meter AFTER INSERT ON deadline_outcome
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION deadline_outcome_meter();
        """
}

extension PostgresSchema {
    /// The tables of SQLite's v13-followups, so `kefu store copy` carries follow-ups, shipping
    /// facts and carrier events both ways (the operations came later:
    /// PostgresTicketStore+FollowUps.swift, migration 18).
    static let version11 = """
        CREATE TABLE follow_up (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            ticket_id bigint NOT NULL REFERENCES ticket(id),
            kind text NOT NULL,
            days bigint,
            due_at double precision,
            created_at double precision NOT NULL,
            created_by text NOT NULL,
            rule text,
            order_id text,
            note text NOT NULL DEFAULT '',
            done_at double precision,
            done_by text
        );
        CREATE UNIQUE INDEX follow_up_rule_order ON follow_up(rule, order_id) WHERE rule IS NOT NULL;
        CREATE INDEX follow_up_open_due ON follow_up(due_at) WHERE done_at IS NULL;
        CREATE INDEX follow_up_ticket ON follow_up(ticket_id);
        ALTER TABLE ticket ADD COLUMN follow_up_at double precision;
        ALTER TABLE orders ADD COLUMN ship_street text;
        ALTER TABLE orders ADD COLUMN ship_house text;
        ALTER TABLE orders ADD COLUMN ship_postcode text;
        ALTER TABLE orders ADD COLUMN ship_city text;
        ALTER TABLE orders ADD COLUMN ship_country text;
        ALTER TABLE orders ADD COLUMN ship_by double precision;
        ALTER TABLE orders ADD COLUMN shipped_at double precision;
        CREATE TABLE carrier_event (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            tracking_number text NOT NULL,
            at double precision NOT NULL,
            status text NOT NULL,
            text text NOT NULL DEFAULT '',
            UNIQUE (tracking_number, at, status)
        );
        SELECT kefu_watch('follow_up', 'data');
        """
}
