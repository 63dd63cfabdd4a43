import Foundation
import Testing
import KefuCore
import KefuTestSupport

@Suite("Assignment: owners, history, mine / unassigned queues")
struct AssignmentTests {
    func store(_ backend: StoreBackend, tickets: Int) throws -> (BackendStore, [Int64]) {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest((0..<tickets).map { Fixture.message("m\($0)", conversation: "c\($0)", at: Double($0)) })
        let ids = try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 100).map(\.id)
        return (temp, ids)
    }

    @Test("Taking, moving and giving back a ticket is recorded with who and when", arguments: StoreBackend.allCases)
    func history(_ backend: StoreBackend) throws {
        let (temp, ids) = try store(backend, tickets: 2)
        let t1 = Fixture.base.addingTimeInterval(600), t2 = t1.addingTimeInterval(600), t3 = t2.addingTimeInterval(600)
        let taken = try temp.store.assign(ticketIDs: [ids[0]], to: "Li Wei", by: "Li Wei", now: t1)
        #expect(taken == [Assignment(ticketID: ids[0], assignee: "Li Wei", previous: nil, assignedBy: "Li Wei", at: t1)])
        try temp.store.assign(ticketIDs: [ids[0]], to: "Anna", by: "Lead Zhang", now: t2)
        // Assigning to the owner it already has records nothing.
        #expect(try temp.store.assign(ticketIDs: [ids[0]], to: "Anna", by: "Lead Zhang", now: t2).isEmpty)
        try temp.store.assign(ticketIDs: [ids[0]], to: nil, by: "Anna", now: t3)
        let history = try temp.store.assignments(ticketID: ids[0])
        #expect(history.map(\.assignee) == ["Li Wei", "Anna", nil])
        #expect(history.map(\.previous) == [nil, "Li Wei", "Anna"])
        #expect(history.map(\.assignedBy) == ["Li Wei", "Lead Zhang", "Anna"])
        #expect(history.map(\.at) == [t1, t2, t3])
        #expect(try temp.store.assignee(ticketID: ids[0]) == nil)
        #expect(try temp.store.assignments(ticketID: ids[1]).isEmpty)
    }

    @Test("A batch moves together; an unknown ticket moves none of them", arguments: StoreBackend.allCases)
    func batch(_ backend: StoreBackend) throws {
        let (temp, ids) = try store(backend, tickets: 3)
        let moved = try temp.store.assign(ticketIDs: ids, to: "Anna", by: "Lead Zhang", now: Fixture.base)
        #expect(moved.count == 3)
        #expect(try ids.map { try temp.store.ticket(id: $0)?.assignee } == ["Anna", "Anna", "Anna"])
        #expect(throws: StoreError.ticketNotFound(999)) {
            try temp.store.assign(ticketIDs: [ids[0], 999], to: "Li Wei", by: "Lead Zhang", now: Fixture.base)
        }
        #expect(try temp.store.assignee(ticketID: ids[0]) == "Anna")
    }

    @Test("The queue lists mine, unassigned or everyone's, in deadline order, as keyset windows", arguments: StoreBackend.allCases)
    func scopes(_ backend: StoreBackend) throws {
        let (temp, ids) = try store(backend, tickets: 6)
        try temp.store.assign(ticketIDs: [ids[1], ids[3], ids[4]], to: "Li Wei", by: "Li Wei", now: Fixture.base)
        try temp.store.assign(ticketIDs: [ids[5]], to: "Anna", by: "Anna", now: Fixture.base)
        func list(_ scope: QueueScope, view: QueueView = .needsReply) throws -> [Int64] {
            try temp.store.queue(QueueQuery(view: view, now: Fixture.base, scope: scope), after: nil, limit: 100).map(\.id)
        }
        #expect(try list(QueueScope(assignee: .agent("Li Wei"))) == [ids[1], ids[3], ids[4]])
        #expect(try list(QueueScope(assignee: .unassigned)) == [ids[0], ids[2]])
        #expect(try list(QueueScope(assignee: .agent("Anna")), view: .allOpen) == [ids[5]])
        #expect(try list(.everything) == ids)
        let mine = QueueQuery(now: Fixture.base, scope: QueueScope(assignee: .agent("Li Wei")))
        #expect(try temp.store.queueCount(mine) == 3)
        let second = try #require(try temp.store.queue(mine, after: nil, limit: 2).last)
        #expect(try temp.store.queue(mine, after: QueuePosition(second), limit: 5).map(\.id) == [ids[4]])
        #expect(try temp.store.queueIndex(mine, of: QueuePosition(second)) == 1)
        #expect(try temp.store.ticket(id: ids[1])?.assignee == "Li Wei")
    }
}
