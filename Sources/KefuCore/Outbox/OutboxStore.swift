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

    /// The leases not lapsed at `now`, with their tokens (which name their holder).
    func liveOutboxLeases(now: Date) throws -> [OutboxLease]
}

extension OutboxStore {
    public func outboxEntries(states: [OutboxEntry.State] = OutboxEntry.State.allCases) throws -> [OutboxEntry] {
        try outboxEntries(states: states, limit: 10_000)
    }
}

/// One deliverer's hold on one reply: the outbox row, a random token and until when.
public struct OutboxLease: Sendable, Hashable {
    public var outboxID: Int64
    public var token: String
    public var until: Date

    public init(outboxID: Int64, token: String, until: Date) {
        self.outboxID = outboxID
        self.token = token
        self.until = until
    }

    /// A fresh token: the holder (`host/pid`, so a deliverer on the same machine can tell a dead
    /// holder's lease and need not wait for it to lapse), then 128 random bits.
    public static func newToken(holder: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return holder + "/" + (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
    }

    /// The holder part of the token (`host/pid`); nil for a token without one.
    public var holder: String? {
        guard let slash = token.lastIndex(of: "/") else { return nil }
        return String(token[..<slash])
    }
}

/// A leased reply and its row as it was when claimed.
public struct OutboxClaim: Sendable, Hashable {
    public var lease: OutboxLease
    public var entry: OutboxEntry

    public init(lease: OutboxLease, entry: OutboxEntry) {
        self.lease = lease
        self.entry = entry
    }
}

/// Which replies a deliverer may claim, and for how long.
public struct OutboxClaimRule: Sendable, Hashable {
    /// How long a claim holds a reply before another deliverer may take it.
    public var leaseSeconds: Double
    /// A failed reply with this many attempts waits for `--retry`.
    public var maximumAttempts: Int
    /// Failed replies last changed before this are due whatever their attempts and retry time
    /// (`kefu deliver --retry`: the start of the pass, so a reply failing again in the same
    /// pass is not tried again at once). Distant past otherwise.
    public var retryFailedBefore: Date

    /// Who claims (`host/pid`), written into the lease's token.
    public var holder: String

    public init(leaseSeconds: Double, maximumAttempts: Int, retryFailedBefore: Date = .distantPast, holder: String = "unknown/0") {
        self.holder = holder
        self.leaseSeconds = leaseSeconds
        self.maximumAttempts = maximumAttempts
        self.retryFailedBefore = retryFailedBefore
    }
}

/// Kefu's Message-IDs carry their outbox row: `kefu.<id>.<random>@domain`.
public enum OutboxMessageID {
    /// The outbox row a Kefu Message-ID names; nil for any other id.
    public static func outboxID(of mailMessageID: String) -> Int64? {
        let parts = mailMessageID.split(separator: ".", maxSplits: 2)
        guard parts.count == 3, parts[0] == "kefu" else { return nil }
        return Int64(parts[1])
    }
}
