extension PostgresSchema {
    /// `n` as one statement. The claim used to be a client-side transaction of about eleven
    /// round trips (BEGIN, the agent's lock, held, candidate, update, audit, ticket, COMMIT…);
    /// at fifty agents on two cores each statement's parse and plan and each wake-up of the
    /// client added up to a p99 of 392 ms (`kefu-bench claims --agents 50`). As a function the
    /// server plans the statements once per connection and the whole claim is one round trip.
    ///
    /// What it picks is the needs-reply view in triage order: `status = 'open' AND needs_reply`,
    /// not snoozed, unassigned or the agent's own, not held by a live lease, one key stretch of
    /// `p_lower`/`p_upper` after another (the client passes `TriageRule`'s stretches, infinite
    /// at an open end). The SQLite store reads the same view through its queue query; the shared
    /// store suite holds the two to the same answers.
    ///
    /// The watch triggers only note the change (`kefu.notify_after_commit`); the function
    /// answers whether anything changed, and the caller sends the notification once the
    /// statement has committed, as `PostgresSession.transaction` does.
    static let version14ClaimFunction = """
        CREATE FUNCTION kefu_claim_next(
            p_agent text, p_releasing bigint, p_skipping bigint[], p_capacity bigint,
            p_now double precision, p_until double precision,
            p_lower double precision[], p_upper double precision[],
            p_release_detail text, p_lapse_detail text, p_claim_detail text)
        RETURNS TABLE (claim_outcome text, claimed_id bigint, held_ids text, data_changed boolean)
        LANGUAGE plpgsql AS $$
        DECLARE
            v_held bigint[];
            v_id bigint;
            v_holder text;
        BEGIN
            PERFORM set_config('kefu.notify_after_commit', 'on', true);
            PERFORM pg_advisory_xact_lock(7238003, hashtext(p_agent));
            IF p_releasing IS NOT NULL THEN
                UPDATE ticket SET claimed_by = NULL, claim_until = NULL WHERE id = p_releasing AND claimed_by = p_agent;
                IF FOUND THEN
                    INSERT INTO audit_log (at, agent, action, ticket_id, detail)
                    VALUES (p_now, p_agent, 'release', p_releasing, p_release_detail);
                END IF;
            END IF;
            SELECT coalesce(array_agg(t.id ORDER BY t.id), '{}') INTO v_held FROM ticket t
            WHERE t.claimed_by = p_agent AND t.claim_until > p_now AND t.status = 'open' AND t.needs_reply;
            IF cardinality(v_held) >= p_capacity THEN
                RETURN QUERY SELECT 'at_capacity'::text, NULL::bigint, array_to_string(v_held, ','),
                    coalesce(current_setting('kefu.changed_data', true), '') = 'on';
                RETURN;
            END IF;
            FOR i IN 1 .. coalesce(cardinality(p_lower), 0) LOOP
                SELECT t.id, t.claimed_by INTO v_id, v_holder FROM ticket t
                WHERE t.status = 'open' AND t.needs_reply
                  AND t.queue_key >= p_lower[i] AND t.queue_key < p_upper[i]
                  AND (t.assignee IS NULL OR t.assignee = p_agent)
                  AND (t.claimed_by IS NULL OR t.claim_until <= p_now)
                  AND t.id <> coalesce(p_releasing, 0) AND NOT (t.id = ANY (p_skipping))
                  AND NOT EXISTS (SELECT 1 FROM ticket_snooze s WHERE s.ticket_id = t.id AND s.until > p_now)
                ORDER BY t.queue_key, t.id LIMIT 1
                FOR UPDATE OF t SKIP LOCKED;
                IF v_id IS NOT NULL THEN
                    -- A lease of someone else's that lapsed ends here: the log says whose it was.
                    IF v_holder IS NOT NULL AND v_holder <> p_agent THEN
                        INSERT INTO audit_log (at, agent, action, ticket_id, detail)
                        VALUES (p_now, v_holder, 'lapse', v_id, p_lapse_detail);
                    END IF;
                    UPDATE ticket SET claimed_by = p_agent, claimed_at = p_now, claim_until = p_until WHERE id = v_id;
                    INSERT INTO audit_log (at, agent, action, ticket_id, detail)
                    VALUES (p_now, p_agent, 'claim', v_id, p_claim_detail);
                    RETURN QUERY SELECT 'claimed'::text, v_id, array_to_string(v_held, ','), true;
                    RETURN;
                END IF;
            END LOOP;
            RETURN QUERY SELECT 'nothing_free'::text, NULL::bigint, array_to_string(v_held, ','),
                coalesce(current_setting('kefu.changed_data', true), '') = 'on';
        END
        $$;
        """
}
