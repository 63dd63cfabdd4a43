import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Pull, don't push: claims are leases decided in one store transaction, on both backends.
@Suite("Claiming the next ticket")
struct ClaimTests {
    static func filled(_ backend: StoreBackend, tickets: Int) throws -> BackendStore {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest((0..<tickets).map { Fixture.message("m\($0)", conversation: "c\($0)", at: Double($0)) })
        return temp
    }

    @Test("Two agents get different tickets, most urgent first; capacity and release hold", arguments: StoreBackend.allCases)
    func claims(_ backend: StoreBackend) throws {
        let temp = try Self.filled(backend, tickets: 3)
        let claims = try #require(temp.store as? any TicketClaiming)
        let now = Fixture.base.addingTimeInterval(3600)
        let rules = ClaimRules(lease: 600, capacity: 1)
        guard case .claimed(let first) = try claims.claimNext(for: "Li Wei", releasing: nil, rules: rules, now: now),
              case .claimed(let second) = try claims.claimNext(for: "Zhang Min", releasing: nil, rules: rules, now: now)
        else { Issue.record("no claim"); return }
        #expect(first.conversation == "c0")
        #expect(second.conversation == "c1")
        #expect(try claims.claimNext(for: "Li Wei", releasing: nil, rules: rules, now: now) == .atCapacity(held: [first.id]))
        guard case .claimed(let third) = try claims.claimNext(for: "Li Wei", releasing: first.id, rules: rules, now: now) else {
            Issue.record("no claim after release"); return
        }
        // n moves on: c0 is let go but not handed straight back, c2 is next.
        #expect(third.conversation == "c2")
        #expect(try claims.liveClaims(now: now).map(\.agent).sorted() == ["Li Wei", "Zhang Min"])
        // c0 is free again for anyone, Li Wei included on the next n.
        guard case .claimed(let fourth) = try claims.claimNext(for: "Li Wei", releasing: third.id, rules: rules, now: now) else {
            Issue.record("c0 was not free again"); return
        }
        #expect(fourth.conversation == "c0")
    }

    @Test("A lease lapses: a closed laptop hides its ticket for the lease only", arguments: StoreBackend.allCases)
    func lapse(_ backend: StoreBackend) throws {
        let temp = try Self.filled(backend, tickets: 1)
        let claims = try #require(temp.store as? any TicketClaiming)
        let now = Fixture.base.addingTimeInterval(3600)
        let rules = ClaimRules(lease: 600, capacity: 1)
        guard case .claimed(let held) = try claims.claimNext(for: "Li Wei", releasing: nil, rules: rules, now: now) else { return }
        #expect(try claims.claimNext(for: "Anna", releasing: nil, rules: rules, now: now.addingTimeInterval(599)) == .nothingFree)
        #expect(try claims.renewClaim(ticketID: held.id, agent: "Li Wei", rules: rules, now: now.addingTimeInterval(500)))
        #expect(try claims.claimNext(for: "Anna", releasing: nil, rules: rules, now: now.addingTimeInterval(1099)) == .nothingFree)
        guard case .claimed(let taken) = try claims.claimNext(for: "Anna", releasing: nil, rules: rules, now: now.addingTimeInterval(1101)) else {
            Issue.record("the lapsed claim was not free"); return
        }
        #expect(taken.id == held.id)
        let log = try #require(temp.store as? any AuditLog).auditEntries(AuditQuery(ticketID: held.id))
        #expect(log.map(\.action) == [.claim, .lapse, .claim])
        #expect(log.map(\.agent) == ["Li Wei", "Li Wei", "Anna"])
        #expect(log[1].detail == AuditDetail.lapse(takenBy: "Anna"))
        #expect(try !claims.renewClaim(ticketID: held.id, agent: "Li Wei", rules: rules, now: now.addingTimeInterval(1102)))
    }

    @Test("n passes over snoozed tickets, a teammate's own, the ones skipped; late ones come after savable ones; the log says who", arguments: StoreBackend.allCases)
    func whatNTakes(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        // c3 came in 33 hours ago: its Amazon day is over, so it is late and waits behind the rest.
        let minutes: [Double] = [0, 1, 2, -2000, 4]
        _ = try temp.store.ingest(minutes.enumerated().map { Fixture.message("m\($0.offset)", conversation: "c\($0.offset)", at: $0.element) })
        let now = Fixture.base.addingTimeInterval(3600)
        let rows = try temp.store.queue(QueueQuery(view: .allOpen, now: now, order: .deadline), after: nil, limit: 10)
        let id = Dictionary(uniqueKeysWithValues: rows.map { ($0.conversation, $0.id) })
        let claims = try #require(temp.store as? any TicketClaiming)
        _ = try #require(temp.store as? any TicketSnoozing).snooze(ticketID: id["c0"]!, until: now.addingTimeInterval(3600), agent: "Li Wei", now: now)
        _ = try #require(temp.store as? any AssignmentStore).assign(ticketIDs: [id["c1"]!], to: "Zhang Min", by: "lead", now: now)
        let rules = ClaimRules(lease: 600, capacity: 10)
        var taken: [String] = []
        for skipping in [[id["c2"]!], [], [], []] {
            guard case .claimed(let ticket) = try claims.claimNext(for: "Li Wei", releasing: nil, skipping: skipping, rules: rules, now: now) else { break }
            taken.append(ticket.conversation)
        }
        #expect(taken == ["c4", "c2", "c3"])
        guard case .claimed(let own) = try claims.claimNext(for: "Zhang Min", releasing: nil, rules: rules, now: now) else {
            Issue.record("Zhang Min's own ticket was not hers to claim"); return
        }
        #expect(own.conversation == "c1")
        let log = try #require(temp.store as? any AuditLog).auditEntries(AuditQuery(ticketID: id["c4"]!))
        #expect(log.filter { $0.action == .claim }.map(\.agent) == ["Li Wei"])
    }

    @Test("Many agents claiming at once never get the same ticket (PostgreSQL, SKIP LOCKED)")
    func concurrent() throws {
        let temp = try Self.filled(.postgres, tickets: 60)
        let now = Fixture.base.addingTimeInterval(3600)
        let got = LockedIDs()
        DispatchQueue.concurrentPerform(iterations: 12) { agent in
            guard let store = try? temp.reopen() as? any TicketClaiming else { return }
            var previous: Int64?
            for _ in 0..<5 {
                if case .claimed(let ticket)? = try? store.claimNext(for: "agent-\(agent)", releasing: nil, rules: ClaimRules(capacity: 5), now: now) {
                    got.add(ticket.id)
                    previous = ticket.id
                }
            }
            _ = previous
        }
        #expect(got.all.count == 60)
        #expect(Set(got.all).count == 60, "a ticket was claimed twice")
    }
}

final class LockedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [Int64] = []
    func add(_ id: Int64) { lock.withLock { ids.append(id) } }
    var all: [Int64] { lock.withLock { ids } }
}
