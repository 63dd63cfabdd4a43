import Foundation

/// The outbox as delivery (`kefu deliver`) and `kefu outbox` see it, on either backend.
///
/// Several deliverers may share one outbox (on one machine, or on many against one PostgreSQL
/// store). Each takes a reply with `claimNextDue`, which gives it a lease: a random token and an
/// expiry, decided in one store transaction (PostgreSQL: `FOR UPDATE SKIP LOCKED`), so two
/// deliverers never hold the same reply at once. A deliverer killed -9 simply stops renewing;
/// once its lease has lapsed the reply is due for the next claimer, which finds out from the
/// handoff's journal (and from `sent`, which the handoff records itself) whether it had gone.
public protocol OutboxStore: AnyObject {
    /// Replies in the given states, oldest first.
    func outboxEntries(states: [OutboxEntry.State], limit: Int) throws -> [OutboxEntry]
    func outboxEntry(id: Int64) throws -> OutboxEntry?
    /// Whether the reply with this Message-ID is `sent` (any id that is not Kefu's is not).
    func isOutboxSent(mailMessageID: String) throws -> Bool

    /// Leases the oldest reply that is due and that nobody holds: `queued`; `sending` whose
    /// lease lapsed (its deliverer died); `failed` whose retry time has come and attempts are
    /// below `rule.maximumAttempts`, or that failed before `rule.retryFailedBefore` (`--retry`).
    /// Nil when nothing is due. The state is not changed: `beginHandoff` does that.
    func claimNextDue(rule: OutboxClaimRule, now: Date) throws -> OutboxClaim?

    /// Commits `sending`, one more attempt and the route, and renews the lease, before anything
    /// leaves. False when the lease is no longer this claim's or the reply is already sent.
    func beginHandoff(_ lease: OutboxLease, route: String, leaseSeconds: Double, now: Date) throws -> Bool

    /// The handoff is confirmed (journal written, or the line is in the JSON Lines file). The
    /// reply was handed over, so this holds whoever holds the lease; the lease ends.
    func markSent(id: Int64, route: String, now: Date) throws

    /// Nothing was handed over; due again at `retryAt`. Only while the lease is this claim's and
    /// the reply is not sent; the lease ends.
    func markFailed(_ lease: OutboxLease, reason: String, retryAt: Date, now: Date) throws

    /// Gives a lease back unused (a pass stopped before handing the reply over, or a lease whose
    /// holder is known dead); only while the row still has this token.
    func releaseLease(_ lease: OutboxLease) throws

    /// Failed replies not due at `now`: their retry time is ahead, or they reached
    /// `maximumAttempts` (they wait for `--retry`). Ids only: a watching deliverer asks every pass.
    func outboxIDsWaitingToRetry(maximumAttempts: Int, now: Date) throws -> [Int64]

    /// The leases not lapsed at `now`, with their tokens (which name their holder).
    func liveOutboxLeases(now: Date) throws -> [OutboxLease]
}

extension OutboxStore {
    public func outboxEntries(states: [OutboxEntry.State] = OutboxEntry.State.allCases) throws -> [OutboxEntry] {
        try outboxEntries(states: states, limit: 10_000)
    }
}
