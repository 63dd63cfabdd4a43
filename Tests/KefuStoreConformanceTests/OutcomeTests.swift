import Foundation
import Testing
import KefuCore
import KefuTestSupport

@Suite("Outcomes: solving, the resolution clock, leads' edits")
struct OutcomeTests {
    /// First reply within an hour, solved within 3 calendar days.
    static let resolvingPolicy: any DeadlinePolicy = try! SLAEngine(SLAConfiguration(
        layers: ["team"],
        policies: [SLAPolicy(name: "team-resolve", layer: "team",
                             targets: [.firstReply: .calendar(seconds: 3600), .resolution: .calendar(seconds: 72 * 3600)])]))

    @Test("Solving records the outcome with who and when, settles the resolution clock and leaves the queue", arguments: StoreBackend.allCases)
    func solve(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend, policy: Self.resolvingPolicy)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0, order: "302-1111111-2222222")])
        let ticket = try #require(try temp.store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 1).first)
        let at = Fixture.base.addingTimeInterval(50 * 3600)
        let solved = try temp.store.solve(
            ticketID: ticket.id, outcome: OutcomeChoice(problem: .damagedParcel, responsible: .carrier), by: "Li Wei", now: at)
        #expect(solved.ticket.status == .solved)
        #expect(solved.ticket.due == nil)
        #expect(solved.outcome.choice.resolution == .reship)  // the usual resolution of a damaged parcel
        #expect(solved.outcome.recordedBy == "Li Wei")
        #expect(solved.outcome.solvedAt == at)
        #expect(solved.outcome.orderID == "302-1111111-2222222")
        #expect(solved.settled.map(\.clock.kind) == [.resolution])
        #expect(solved.settled.first?.met == true)
        #expect(abs((solved.settled.first?.elapsedCalendarSeconds ?? 0) - 50 * 3600) < 0.001)
        // The first reply never came: its clock ends breached, the message closed without a reply.
        #expect(solved.closedUnanswered.map(\.clock.kind) == [.firstReply])
        #expect(solved.closedUnanswered.first?.met == false)
        #expect(try temp.store.queue(QueueQuery(view: .allOpen, now: at), after: nil, limit: 10).isEmpty)
        #expect(try temp.store.outcome(ticketID: ticket.id) == solved.outcome)
    }

    @Test("A lead's edit replaces the outcome, keeps the solving time and the history", arguments: StoreBackend.allCases)
    func edit(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        let solvedAt = Fixture.base.addingTimeInterval(3600), editedAt = solvedAt.addingTimeInterval(86_400)
        _ = try temp.store.solve(ticketID: id, outcome: OutcomeChoice(problem: .lateOrLostParcel, responsible: .carrier), by: "Li Wei", now: solvedAt)
        let edited = try temp.store.setOutcome(
            ticketID: id, outcome: OutcomeChoice(problem: .wrongItem, responsible: .warehouse, resolution: .return), by: "Lead Zhang", now: editedAt)
        #expect(edited.solvedAt == solvedAt)
        #expect(edited.recordedAt == editedAt)
        #expect(try temp.store.outcome(ticketID: id)?.choice == OutcomeChoice(problem: .wrongItem, responsible: .warehouse, resolution: .return))
        let history = try temp.store.outcomeHistory(ticketID: id)
        #expect(history.map(\.recordedBy) == ["Li Wei", "Lead Zhang"])
        #expect(history.map(\.choice.problem) == [.lateOrLostParcel, .wrongItem])
        #expect(try temp.store.outcomes(since: solvedAt, until: editedAt).map(\.ticketID) == [id])
        #expect(try temp.store.outcomes(since: solvedAt.addingTimeInterval(1), until: nil).isEmpty)
        #expect(throws: StoreError.ticketNotFound(42)) {
            try temp.store.setOutcome(ticketID: 42, outcome: OutcomeChoice(problem: .other, responsible: .seller), by: "x", now: editedAt)
        }
    }

    @Test("A new customer message reopens a solved ticket", arguments: StoreBackend.allCases)
    func reopen(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let id = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        _ = try temp.store.solve(ticketID: id, outcome: OutcomeChoice(problem: .productQuestion, responsible: .customer), by: "Li Wei",
                                 now: Fixture.base.addingTimeInterval(60))
        _ = try temp.store.ingest([Fixture.message("m2", conversation: "c1", at: 120)])
        #expect(try temp.store.ticket(id: id)?.status == .open)
        #expect(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id == id)
    }
}
