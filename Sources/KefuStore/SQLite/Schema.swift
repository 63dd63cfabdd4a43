import GRDB

/// The store's tables, as numbered migrations. Never edit a shipped migration: add the next one.
enum Schema {
    static let solvedForgetAwaiting = "v6-team-reopen: solved tickets no longer await a reply to the message they were solved over"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: tickets, messages, orders, outbox, drafts, deadlines, quarantine") { db in
            try db.execute(sql: """
                CREATE TABLE ticket (
                    id INTEGER PRIMARY KEY,
                    conversation TEXT NOT NULL UNIQUE,
                    channel TEXT NOT NULL,
                    marketplace TEXT NOT NULL,
                    customer_name TEXT NOT NULL,
                    customer_address TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    snippet TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open',
                    last_from TEXT NOT NULL,
                    last_message_at REAL NOT NULL,
                    last_outbound_at REAL,
                    awaiting_since REAL,
                    has_replied INTEGER NOT NULL DEFAULT 0,
                    clocks TEXT NOT NULL DEFAULT '[]',
                    due_at REAL,
                    due_target REAL,
                    queue_key REAL NOT NULL,
                    needs_reply INTEGER NOT NULL DEFAULT 0,
                    language TEXT,
                    order_id TEXT,
                    message_count INTEGER NOT NULL DEFAULT 0,
                    search_text TEXT NOT NULL DEFAULT '',
                    version INTEGER NOT NULL DEFAULT 1
                );
                -- The queue is read as a window through these (keyset on queue_key, id).
                CREATE INDEX ticket_needs_reply ON ticket(status, needs_reply, queue_key, id);
                CREATE INDEX ticket_open ON ticket(status, queue_key, id);
                CREATE INDEX ticket_order ON ticket(order_id);

                CREATE TABLE message (
                    id INTEGER PRIMARY KEY,
                    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                    external_id TEXT NOT NULL UNIQUE,
                    direction TEXT NOT NULL,
                    author TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    at REAL NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    language TEXT
                );
                CREATE INDEX message_ticket ON message(ticket_id, at, id);

                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    message_id INTEGER NOT NULL UNIQUE REFERENCES message(id),
                    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                    idempotency_key TEXT NOT NULL UNIQUE,
                    state TEXT NOT NULL DEFAULT 'queued',
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX outbox_state ON outbox(state, id);

                CREATE TABLE draft (
                    ticket_id INTEGER PRIMARY KEY REFERENCES ticket(id),
                    body TEXT NOT NULL,
                    updated_at REAL NOT NULL
                );

                CREATE TABLE deadline_outcome (
                    id INTEGER PRIMARY KEY,
                    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                    kind TEXT NOT NULL,
                    policy TEXT NOT NULL,
                    business INTEGER NOT NULL,
                    started REAL NOT NULL,
                    due REAL NOT NULL,
                    settled_at REAL NOT NULL,
                    met INTEGER NOT NULL,
                    elapsed_calendar REAL NOT NULL,
                    elapsed_business REAL NOT NULL
                );
                CREATE INDEX deadline_outcome_settled ON deadline_outcome(settled_at);

                CREATE TABLE orders (
                    id TEXT PRIMARY KEY,
                    marketplace TEXT NOT NULL,
                    customer_name TEXT NOT NULL,
                    placed_at REAL NOT NULL,
                    total TEXT NOT NULL,
                    currency TEXT NOT NULL
                );
                CREATE TABLE order_item (
                    order_id TEXT NOT NULL REFERENCES orders(id),
                    position INTEGER NOT NULL,
                    sku TEXT NOT NULL,
                    title TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    PRIMARY KEY (order_id, position)
                );
                CREATE TABLE parcel (
                    id INTEGER PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES orders(id),
                    tracking_number TEXT NOT NULL,
                    carrier TEXT NOT NULL,
                    shipped_at REAL NOT NULL,
                    replaces TEXT,
                    UNIQUE (order_id, tracking_number)
                );

                CREATE TABLE meta (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );

                CREATE TABLE quarantine (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    location TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    raw TEXT NOT NULL,
                    at REAL NOT NULL,
                    UNIQUE (source, location, raw)
                );
                """)
        }
        migrator.registerMigration("v2: holds, ticket kind and tags, excused deadlines, paused time") { db in
            try db.execute(sql: """
                -- Holds (waiting on customer, on hold) as JSON [Hold]; the SLA engine skips paused time.
                ALTER TABLE ticket ADD COLUMN holds TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE ticket ADD COLUMN opened_at REAL;
                ALTER TABLE ticket ADD COLUMN kind TEXT NOT NULL DEFAULT 'message';
                ALTER TABLE ticket ADD COLUMN tags TEXT NOT NULL DEFAULT '';
                ALTER TABLE ticket ADD COLUMN segment TEXT;
                -- "No response needed": settled without a reply, left out of late-reply figures.
                ALTER TABLE deadline_outcome ADD COLUMN excused INTEGER NOT NULL DEFAULT 0;
                -- Seconds the clock stood still on hold; elapsed_* already leave them out.
                ALTER TABLE deadline_outcome ADD COLUMN paused_seconds REAL NOT NULL DEFAULT 0;
                CREATE INDEX deadline_outcome_ticket ON deadline_outcome(ticket_id, settled_at);
                """)
        }
        migrator.registerMigration("v3-lead: warning instant and current hold on the ticket row") { db in
            try db.execute(sql: """
                -- When a quarter of the nearest clock's target is left, on its own time (business hours).
                ALTER TABLE ticket ADD COLUMN warn_at REAL;
                -- The reason of the hold that lasts now (mirrors the open entry of holds), for the queue.
                ALTER TABLE ticket ADD COLUMN hold_reason TEXT;
                -- The "customer spoke last" view is a keyset window like the others.
                CREATE INDEX ticket_customer_last ON ticket(status, last_from, queue_key, id);
                """)
        }
        migrator.registerMigration("v3-mail: attachments, mail origin, outbox delivery, buyer email") { db in
            try MailSchema.v3(db)
        }
        migrator.registerMigration("v3-evidence: evidence records and the audit of their removal") { db in
            try db.execute(sql: """
                -- One record per (order, file); the file lives in evidence/objects/ under its SHA-256,
                -- shared by every record with the same hash.
                CREATE TABLE evidence (
                    id TEXT PRIMARY KEY,
                    sha256 TEXT NOT NULL,
                    order_id TEXT NOT NULL REFERENCES orders(id),
                    kind TEXT NOT NULL,
                    note TEXT,
                    added_by TEXT NOT NULL,
                    added_at REAL NOT NULL,
                    original_name TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    UNIQUE (order_id, sha256)
                );
                CREATE INDEX evidence_sha256 ON evidence(sha256);
                -- A confirmed removal: the record as it was, who removed it, when and why.
                CREATE TABLE evidence_removal (
                    id INTEGER PRIMARY KEY,
                    evidence_id TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    order_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    note TEXT,
                    added_by TEXT NOT NULL,
                    added_at REAL NOT NULL,
                    original_name TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    removed_by TEXT NOT NULL,
                    removed_at REAL NOT NULL,
                    reason TEXT NOT NULL,
                    file_deleted INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3-team: assignment, outcomes, meter rollups") { db in
            try db.execute(sql: """
                -- Who owns a ticket now, and every change of owner with who made it and when.
                ALTER TABLE ticket ADD COLUMN assignee TEXT;
                CREATE TABLE assignment (
                    id INTEGER PRIMARY KEY,
                    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                    assignee TEXT,
                    previous TEXT,
                    assigned_by TEXT NOT NULL,
                    at REAL NOT NULL
                );
                CREATE INDEX assignment_ticket ON assignment(ticket_id, id);
                -- The queue's mine / unassigned filters read these as keyset windows, like the views.
                CREATE INDEX ticket_assignee_needs_reply ON ticket(status, needs_reply, assignee, queue_key, id);
                CREATE INDEX ticket_assignee_open ON ticket(status, assignee, queue_key, id);
                -- The dashboard's open-ticket tallies read only this index (it covers every column they use).
                CREATE INDEX ticket_meters ON ticket(status, assignee, channel, marketplace, needs_reply, queue_key, awaiting_since);

                -- A solved ticket's outcome (problem, responsible party, resolution); edits keep history.
                CREATE TABLE ticket_outcome (
                    ticket_id INTEGER PRIMARY KEY REFERENCES ticket(id),
                    problem TEXT NOT NULL,
                    responsible TEXT NOT NULL,
                    resolution TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    recorded_at REAL NOT NULL,
                    solved_at REAL NOT NULL
                );
                CREATE INDEX ticket_outcome_solved ON ticket_outcome(solved_at);
                CREATE TABLE ticket_outcome_history (
                    id INTEGER PRIMARY KEY,
                    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                    problem TEXT NOT NULL,
                    responsible TEXT NOT NULL,
                    resolution TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    recorded_at REAL NOT NULL,
                    solved_at REAL NOT NULL
                );
                CREATE INDEX ticket_outcome_history_ticket ON ticket_outcome_history(ticket_id, id);

                -- Deadline records say whom they are credited to and where they came from, and mark
                -- the one record per answer (an answer may settle several clocks) that response
                -- times count.
                ALTER TABLE deadline_outcome ADD COLUMN agent TEXT;
                ALTER TABLE deadline_outcome ADD COLUMN channel TEXT;
                ALTER TABLE deadline_outcome ADD COLUMN marketplace TEXT;
                ALTER TABLE deadline_outcome ADD COLUMN answer INTEGER NOT NULL DEFAULT 0;

                -- Hourly rollups kept on write, so the dashboard never scans months of records.
                CREATE TABLE meter_hour (
                    hour INTEGER NOT NULL,
                    agent TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    marketplace TEXT NOT NULL,
                    deadlines INTEGER NOT NULL DEFAULT 0,
                    met INTEGER NOT NULL DEFAULT 0,
                    excused INTEGER NOT NULL DEFAULT 0,
                    answers INTEGER NOT NULL DEFAULT 0,
                    late24 INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (hour, agent, channel, marketplace)
                ) WITHOUT ROWID;
                CREATE TABLE message_hour (
                    hour INTEGER NOT NULL,
                    direction TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY (hour, direction)
                ) WITHOUT ROWID;

                -- Credit: the ticket's owner when the deadline settled, else the agent who sent the
                -- reply from the console (external ids "kefu-..."), else nobody ('').
                UPDATE deadline_outcome SET
                    channel = (SELECT channel FROM ticket WHERE ticket.id = deadline_outcome.ticket_id),
                    marketplace = (SELECT marketplace FROM ticket WHERE ticket.id = deadline_outcome.ticket_id),
                    agent = (SELECT author FROM message m WHERE m.ticket_id = deadline_outcome.ticket_id
                             AND m.direction = 'out' AND m.at = deadline_outcome.settled_at
                             AND m.external_id LIKE 'kefu-%' ORDER BY m.id DESC LIMIT 1),
                    answer = (kind != 'resolution' AND excused = 0 AND NOT EXISTS (
                        SELECT 1 FROM deadline_outcome o WHERE o.ticket_id = deadline_outcome.ticket_id
                        AND o.settled_at = deadline_outcome.settled_at AND o.kind = deadline_outcome.kind
                        AND o.id < deadline_outcome.id));
                INSERT INTO meter_hour (hour, agent, channel, marketplace, deadlines, met, excused, answers, late24)
                    SELECT CAST(settled_at / 3600 AS INTEGER), coalesce(agent, ''), channel, marketplace,
                           sum(excused = 0), sum(excused = 0 AND met), sum(excused), sum(answer),
                           sum(answer AND elapsed_calendar > 86400)
                    FROM deadline_outcome GROUP BY 1, 2, 3, 4;
                INSERT INTO message_hour (hour, direction, count)
                    SELECT CAST(at / 3600 AS INTEGER), direction, count(*) FROM message GROUP BY 1, 2;
                -- Today's answers for the response-time percentiles, read from the index alone.
                CREATE INDEX deadline_outcome_answers ON deadline_outcome(settled_at, agent, channel, marketplace, kind, elapsed_calendar)
                    WHERE answer = 1;

                CREATE TRIGGER deadline_outcome_meters AFTER INSERT ON deadline_outcome
                BEGIN
                    UPDATE deadline_outcome SET
                        channel = (SELECT channel FROM ticket WHERE ticket.id = NEW.ticket_id),
                        marketplace = (SELECT marketplace FROM ticket WHERE ticket.id = NEW.ticket_id),
                        agent = coalesce(
                            (SELECT assignee FROM ticket WHERE ticket.id = NEW.ticket_id),
                            (SELECT author FROM message m WHERE m.ticket_id = NEW.ticket_id AND m.direction = 'out'
                             AND m.at = NEW.settled_at AND m.external_id LIKE 'kefu-%' ORDER BY m.id DESC LIMIT 1)),
                        answer = (NEW.kind != 'resolution' AND NEW.excused = 0 AND NOT EXISTS (
                            SELECT 1 FROM deadline_outcome o WHERE o.ticket_id = NEW.ticket_id
                            AND o.settled_at = NEW.settled_at AND o.kind = NEW.kind AND o.id < NEW.id))
                    WHERE id = NEW.id;
                    INSERT INTO meter_hour (hour, agent, channel, marketplace, deadlines, met, excused, answers, late24)
                        SELECT CAST(settled_at / 3600 AS INTEGER), coalesce(agent, ''), channel, marketplace,
                               excused = 0, excused = 0 AND met, excused, answer, answer AND elapsed_calendar > 86400
                        FROM deadline_outcome WHERE id = NEW.id
                    ON CONFLICT (hour, agent, channel, marketplace) DO UPDATE SET
                        deadlines = deadlines + excluded.deadlines, met = met + excluded.met,
                        excused = excused + excluded.excused, answers = answers + excluded.answers,
                        late24 = late24 + excluded.late24;
                END;
                CREATE TRIGGER message_meters AFTER INSERT ON message
                BEGIN
                    INSERT INTO message_hour (hour, direction, count)
                        SELECT CAST(NEW.at / 3600 AS INTEGER), NEW.direction, 1 WHERE true
                    ON CONFLICT (hour, direction) DO UPDATE SET count = count + 1;
                END;
                """)
        }
        migrator.registerMigration("v4-lead: template usage counts") { db in
            try db.execute(sql: """
                CREATE TABLE template_usage (
                    name TEXT PRIMARY KEY,
                    uses INTEGER NOT NULL,
                    last_used REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4-team: change log of the ticket columns the live meters read") { db in
            try db.execute(sql: """
                -- The dashboard keeps the open tickets in memory and re-reads only those named here.
                -- Only real changes of the columns it uses are logged; old entries are pruned (a
                -- reader that fell behind them reads everything again).
                CREATE TABLE ticket_change (
                    seq INTEGER PRIMARY KEY,
                    ticket_id INTEGER NOT NULL
                );
                CREATE TRIGGER ticket_change_insert AFTER INSERT ON ticket
                BEGIN
                    INSERT INTO ticket_change (ticket_id) VALUES (NEW.id);
                END;
                CREATE TRIGGER ticket_change_update AFTER UPDATE ON ticket
                WHEN OLD.status IS NOT NEW.status OR OLD.assignee IS NOT NEW.assignee OR OLD.channel IS NOT NEW.channel
                  OR OLD.marketplace IS NOT NEW.marketplace OR OLD.needs_reply IS NOT NEW.needs_reply
                  OR OLD.queue_key IS NOT NEW.queue_key OR OLD.awaiting_since IS NOT NEW.awaiting_since
                BEGIN
                    INSERT INTO ticket_change (ticket_id) VALUES (NEW.id);
                END;
                CREATE TRIGGER ticket_change_prune AFTER INSERT ON ticket_change WHEN NEW.seq % 10000 = 0
                BEGIN
                    DELETE FROM ticket_change WHERE seq <= NEW.seq - 50000;
                END;
                """)
        }
        migrator.registerMigration("v5-team: drop the ticket change log (its triggers made ingest 60 % slower)") { db in
            try db.execute(sql: """
                -- The live meters now find changed tickets through the tables that already number
                -- every change: message, assignment and ticket_outcome_history.
                DROP TRIGGER IF EXISTS ticket_change_insert;
                DROP TRIGGER IF EXISTS ticket_change_update;
                DROP TRIGGER IF EXISTS ticket_change_prune;
                DROP TABLE IF EXISTS ticket_change;
                """)
        }
        migrator.registerMigration("v6-team: messages closed without a reply count as unanswered") { db in
            try db.execute(sql: """
                -- Solving while a reply clock runs records the clock as breached and unanswered
                -- (never an answer); meter_hour counts one unanswered message per (ticket, kind,
                -- instant), like answers, for Amazon's late-response rate.
                ALTER TABLE deadline_outcome ADD COLUMN unanswered INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE meter_hour ADD COLUMN unanswered INTEGER NOT NULL DEFAULT 0;
                DROP TRIGGER IF EXISTS deadline_outcome_meters;
                CREATE TRIGGER deadline_outcome_meters AFTER INSERT ON deadline_outcome
                BEGIN
                    UPDATE deadline_outcome SET
                        channel = (SELECT channel FROM ticket WHERE ticket.id = NEW.ticket_id),
                        marketplace = (SELECT marketplace FROM ticket WHERE ticket.id = NEW.ticket_id),
                        agent = coalesce(
                            (SELECT assignee FROM ticket WHERE ticket.id = NEW.ticket_id),
                            (SELECT author FROM message m WHERE m.ticket_id = NEW.ticket_id AND m.direction = 'out'
                             AND m.at = NEW.settled_at AND m.external_id LIKE 'kefu-%' ORDER BY m.id DESC LIMIT 1)),
                        answer = (NEW.kind != 'resolution' AND NEW.excused = 0 AND NEW.unanswered = 0 AND NOT EXISTS (
                            SELECT 1 FROM deadline_outcome o WHERE o.ticket_id = NEW.ticket_id
                            AND o.settled_at = NEW.settled_at AND o.kind = NEW.kind AND o.id < NEW.id))
                    WHERE id = NEW.id;
                    INSERT INTO meter_hour (hour, agent, channel, marketplace, deadlines, met, excused, answers, late24, unanswered)
                        SELECT CAST(settled_at / 3600 AS INTEGER), coalesce(agent, ''), channel, marketplace,
                               excused = 0, excused = 0 AND met, excused, answer, answer AND elapsed_calendar > 86400,
                               CASE WHEN NEW.unanswered = 1 THEN NOT EXISTS (
                                   SELECT 1 FROM deadline_outcome o WHERE o.ticket_id = NEW.ticket_id
                                   AND o.settled_at = NEW.settled_at AND o.kind = NEW.kind AND o.id < NEW.id) ELSE 0 END
                        FROM deadline_outcome WHERE id = NEW.id
                    ON CONFLICT (hour, agent, channel, marketplace) DO UPDATE SET
                        deadlines = deadlines + excluded.deadlines, met = met + excluded.met,
                        excused = excused + excluded.excused, answers = answers + excluded.answers,
                        late24 = late24 + excluded.late24, unanswered = unanswered + excluded.unanswered;
                END;
                """)
        }
        migrator.registerMigration("v6-mail: evidence the agent asked to send with a reply") { db in
            try MailSchema.v6(db)
        }
        migrator.registerMigration("v6-mail-drafts: a draft remembers whether its evidence goes as attachments") { db in
            try MailSchema.v6Drafts(db)
        }
        migrator.registerMigration(Self.solvedForgetAwaiting) { db in
            try db.execute(sql: """
                -- Before v6-team solving left the unanswered message as awaiting a reply, so a
                -- customer writing again restarted the clock from that old message.
                UPDATE ticket SET awaiting_since = NULL WHERE status = 'solved' AND awaiting_since IS NOT NULL;
                """)
        }
        migrator.registerMigration("v7-scam: scam and phishing findings of incoming messages") { db in
            try SafetySchema.v7(db)
        }
        migrator.registerMigration("v7-flow: the nearest clock's policy on the ticket row, snoozed tickets") { db in
            try FlowSchema.v7(db)
        }
        migrator.registerMigration("v8-team: claims, who works a ticket as a lease") { db in
            try db.execute(sql: """
                ALTER TABLE ticket ADD COLUMN claimed_by TEXT;
                ALTER TABLE ticket ADD COLUMN claimed_at REAL;
                ALTER TABLE ticket ADD COLUMN claim_until REAL;
                CREATE INDEX ticket_claims ON ticket(claimed_by, claim_until) WHERE claimed_by IS NOT NULL;
                """)
        }
        migrator.registerMigration("v9-scale: queue tallies kept by triggers, so the screen's counts never scan the tickets") { db in
            try QueueTally.install(db)
        }
        migrator.registerMigration("v10-team: presence, who reads or types in which ticket") { db in
            try db.execute(sql: """
                CREATE TABLE presence (
                    agent TEXT PRIMARY KEY,
                    ticket_id INTEGER NOT NULL,
                    activity TEXT NOT NULL,
                    since REAL NOT NULL,
                    until REAL NOT NULL
                );
                CREATE INDEX ticket_live_claims ON ticket(claim_until) WHERE claimed_by IS NOT NULL;
                """)
        }
        migrator.registerMigration("v11-audit: the append-only audit log of claims, assignments, outcomes, holds, snoozes and removals") { db in
            try AuditRows.install(db)
        }
        migrator.registerMigration("v11-deliver: outbox leases and retry times, for several deliverers at once") { db in
            try MailSchema.v11Leases(db)
        }
        migrator.registerMigration("v12-customers: customers across channels, their keys, merges and splits") { db in
            try CustomerSchema.v12(db)
        }
        migrator.registerMigration("v13-followups: follow-ups, order shipping facts and carrier events") { db in
            try FollowUpSchema.v13(db)
        }
        migrator.registerMigration("v14-reading-notes: how a mail with broken structure was read") { db in
            try ReadingNoteRows.v14(db)
        }
        migrator.registerMigration("v15-bounces: the outbox found by Message-ID, for delivery reports and replies to replies") { db in
            try BounceRows.v15(db)
        }
        migrator.registerMigration("v16-notify: customers who opted out of notices, a not-before time on outbox rows") { db in
            try NoticeSchema.v16(db)
        }
        return migrator
    }
}
