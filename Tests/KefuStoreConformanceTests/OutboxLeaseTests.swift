import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Several deliverers share one outbox: each reply is leased to one of them at a time, a lease
/// lapses when its holder stops, and a failed reply waits for its retry time. Both backends.
@Suite("Outbox leases for several deliverers")
struct OutboxLeaseTests {
    static let start = Fixture.base.addingTimeInterval(3600)

    /// A store with `count` replies queued, one per conversation, oldest first.
    static func queued(_ backend: StoreBackend, count: Int) throws -> BackendStore {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest((0..<count).map { Fixture.message("m\($0)", conversation: "c\($0)", at: Double($0)) })
        let tickets = try temp.store.queue(QueueQuery(now: start), after: nil, limit: count)
        for (index, ticket) in tickets.enumerated() {
            _ = try temp.store.send(
                ReplyRequest(ticketID: ticket.id, body: "Reply \(index)", author: "Li Wei", idempotencyKey: "r\(index)"),
                now: start.addingTimeInterval(Double(index)))
        }
        return temp
    }

    static func rule(lease: Double = 60, retryFailedBefore: Date = .distantPast, holder: String = "host-a/100") -> OutboxClaimRule {
        OutboxClaimRule(leaseSeconds: lease, maximumAttempts: 3, retryFailedBefore: retryFailedBefore, holder: holder)
    }

    @Test("Claims take the oldest reply nobody holds; a lapsed lease goes to the next claimer and the old one is void",
          arguments: StoreBackend.allCases)
    func leaseAndLapse(_ backend: StoreBackend) throws {
        let temp = try Self.queued(backend, count: 2)
        let store = temp.store
        let now = Self.start.addingTimeInterval(10)
        let first = try #require(try store.claimNextDue(rule: Self.rule(holder: "host-a/100"), now: now))
        let second = try #require(try store.claimNextDue(rule: Self.rule(lease: 1000, holder: "host-b/200"), now: now))
        #expect(first.entry.body == "Reply 0" && second.entry.body == "Reply 1")
        #expect(first.entry.state == .queued && first.entry.customerAddress == "anna@example.de")
        #expect(first.entry.mailMessageID.hasPrefix("kefu.\(first.entry.id)."))
        #expect(first.lease.holder == "host-a/100")
        #expect(try store.claimNextDue(rule: Self.rule(), now: now.addingTimeInterval(59)) == nil, "both are held")
        #expect(Set(try store.liveOutboxLeases(now: now).map(\.token)) == [first.lease.token, second.lease.token])

        // The first holder began its handoff and then died; after the lease the reply is free again.
        #expect(try store.beginHandoff(first.lease, route: "email", leaseSeconds: 60, now: now.addingTimeInterval(5)))
        #expect(try store.claimNextDue(rule: Self.rule(), now: now.addingTimeInterval(64)) == nil, "renewed at the handoff")
        let taken = try #require(try store.claimNextDue(rule: Self.rule(holder: "host-c/300"), now: now.addingTimeInterval(66)))
        #expect(taken.entry.id == first.entry.id && taken.entry.state == .sending && taken.entry.attempts == 1)
        #expect(try !store.beginHandoff(first.lease, route: "email", leaseSeconds: 60, now: now.addingTimeInterval(67)),
                "a lapsed lease cannot start a handoff")
        try store.markFailed(first.lease, reason: "late words of a dead holder", retryAt: now, now: now.addingTimeInterval(67))
        #expect(try store.outboxEntry(id: first.entry.id)?.state == .sending)
        #expect(try store.beginHandoff(taken.lease, route: "email", leaseSeconds: 60, now: now.addingTimeInterval(67)))
        try store.markSent(id: taken.entry.id, route: "email", now: now.addingTimeInterval(68))
        let sent = try #require(try store.outboxEntry(id: taken.entry.id))
        #expect(sent.state == .sent && sent.attempts == 2 && sent.leaseUntil == nil && sent.handedOverAt != nil)
        #expect(try store.isOutboxSent(mailMessageID: sent.mailMessageID))
        #expect(try !store.isOutboxSent(mailMessageID: second.entry.mailMessageID))

        // Given back unused: free at once.
        try store.releaseLease(second.lease)
        let again = try #require(try store.claimNextDue(rule: Self.rule(), now: now.addingTimeInterval(69)))
        #expect(again.entry.id == second.entry.id)
        #expect(try store.beginHandoff(again.lease, route: "jsonl", leaseSeconds: 60, now: now.addingTimeInterval(69)))
        try store.markSent(id: again.entry.id, route: "jsonl", now: now.addingTimeInterval(70))
        #expect(try store.claimNextDue(rule: Self.rule(), now: now.addingTimeInterval(10_000)) == nil, "sent replies are never claimed")
    }

    @Test("A failed reply waits for its retry time and its attempts; --retry takes those that failed before the pass",
          arguments: StoreBackend.allCases)
    func retryTimes(_ backend: StoreBackend) throws {
        let temp = try Self.queued(backend, count: 1)
        let store = temp.store
        var now = Self.start.addingTimeInterval(10)
        for attempt in 1...3 {
            let claim = try #require(try store.claimNextDue(rule: Self.rule(), now: now), "attempt \(attempt)")
            #expect(try store.beginHandoff(claim.lease, route: "email", leaseSeconds: 60, now: now))
            try store.markFailed(claim.lease, reason: "msmtp: cannot connect", retryAt: now.addingTimeInterval(30), now: now)
            let failed = try #require(try store.outboxEntry(id: claim.entry.id))
            #expect(failed.state == .failed && failed.attempts == attempt && failed.lastError == "msmtp: cannot connect")
            #expect(failed.retryAt == now.addingTimeInterval(30) && failed.leaseUntil == nil)
            #expect(try store.claimNextDue(rule: Self.rule(), now: now.addingTimeInterval(29)) == nil, "not before its retry time")
            #expect(try store.outboxIDsWaitingToRetry(maximumAttempts: 3, now: now.addingTimeInterval(29)) == [claim.entry.id])
            #expect(try store.outboxIDsWaitingToRetry(maximumAttempts: 3, now: now.addingTimeInterval(31)) == (attempt < 3 ? [] : [claim.entry.id]))
            now = now.addingTimeInterval(31)
        }
        #expect(try store.claimNextDue(rule: Self.rule(), now: now.addingTimeInterval(3600)) == nil, "3 attempts: waits for --retry")
        let passStart = now.addingTimeInterval(3600)
        let retried = try #require(try store.claimNextDue(rule: Self.rule(retryFailedBefore: passStart), now: passStart))
        #expect(retried.entry.attempts == 3)
        #expect(try store.beginHandoff(retried.lease, route: "email", leaseSeconds: 60, now: passStart))
        try store.markFailed(retried.lease, reason: "again", retryAt: passStart.addingTimeInterval(30), now: passStart.addingTimeInterval(1))
        #expect(try store.claimNextDue(rule: Self.rule(retryFailedBefore: passStart), now: passStart.addingTimeInterval(2)) == nil,
                "a reply failing again in the same --retry pass is not taken again at once")
    }

    @Test("Four deliverers claiming at once never get the same reply, and every reply is claimed", arguments: StoreBackend.allCases)
    func concurrentClaimers(_ backend: StoreBackend) throws {
        let count = 40
        let temp = try Self.queued(backend, count: count)
        let now = Self.start.addingTimeInterval(100)
        let got = LockedIDs()
        let errors = LockedIDs()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            guard let store = try? temp.reopen() else { errors.add(-1); return }
            while true {
                do {
                    guard let claim = try store.claimNextDue(rule: Self.rule(holder: "host/\(worker)"), now: now) else { return }
                    got.add(claim.entry.id)
                    guard try store.beginHandoff(claim.lease, route: "email", leaseSeconds: 60, now: now) else { errors.add(claim.entry.id); return }
                    try store.markSent(id: claim.entry.id, route: "email", now: now)
                } catch {
                    errors.add(-2)
                    return
                }
            }
        }
        #expect(errors.all.isEmpty)
        #expect(got.all.count == count)
        #expect(Set(got.all).count == count, "a reply was claimed twice")
        #expect(try temp.store.outboxEntries(states: [.sent]).count == count)
    }
}
