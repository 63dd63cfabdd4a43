import Foundation
import Testing
import KefuCore
@testable import KefuTestSupport

/// Solving while the customer's message waits for a reply: the reply clocks end breached and the
/// message counts as unanswered for Amazon's rate, never as an answer; "no response needed"
/// first keeps it out of every figure. Amazon's 24 h and the team's 4 h run side by side
/// (`TestPolicy.layered`), so one message has two clocks.
@Suite("Solved while unanswered")
struct ClosedUnansweredTests {
    let utc = TimeZone(identifier: "UTC")!

    /// One Amazon message awaiting a reply, under two clocks.
    static func store(_ backend: StoreBackend) throws -> (BackendStore, Int64) {
        let temp = try BackendStore(backend, policy: try TestPolicy.layered())
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0, order: "302-1")])
        return (temp, try #require(try temp.store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 1).first?.id))
    }

    func at(minutes: Double) -> Date { Fixture.base.addingTimeInterval(minutes * 60) }

    func figures(_ temp: BackendStore, _ now: Date) throws -> DashboardFigures {
        DashboardFigures.compute(try temp.store.meterInputs(now: now, timeZone: utc))
    }

    @Test("Both clocks end breached; met share counts both, Amazon's rate counts the message once, no answer", arguments: StoreBackend.allCases)
    func closedWithoutReply(_ backend: StoreBackend) throws {
        let (temp, id) = try Self.store(backend)
        let solved = try temp.store.solve(ticketID: id, outcome: OutcomeChoice(problem: .other, responsible: .customer), by: "Li Wei",
                                          now: at(minutes: 60))
        #expect(solved.closedUnanswered.map(\.clock.policy).sorted() == ["amazon", "team"])
        #expect(solved.closedUnanswered.allSatisfy { !$0.met && !$0.excused })
        #expect(solved.closedUnanswered.allSatisfy { abs($0.elapsedCalendarSeconds - 3600) < 0.001 })  // in time, still breached
        #expect(solved.settled.isEmpty)  // no resolution clock in this policy
        #expect(solved.ticket.awaitingReply == false)

        let after = try figures(temp, at(minutes: 61))
        #expect(after.team.metToday == Share(part: 0, whole: 2))
        #expect(after.team.repliedToday == 0)
        #expect(after.team.firstReply == nil)
        let amazon = try #require(after.lanes.first { $0.subject == .lane(Lane(channel: .marketplace, marketplace: .amazon)) })
        #expect(amazon.lateResponse[.days7] == Share(part: 1, whole: 1))
        #expect(amazon.lateResponse[.days90] == Share(part: 1, whole: 1))
        // The live reader agrees with a full read.
        let live = temp.store.liveMeters(timeZone: utc)
        _ = try live.read(now: at(minutes: 61))
        live.waitUntilComplete()
        #expect(DashboardFigures.compute(try live.read(now: at(minutes: 61))) == after)
    }

    @Test("After \"no response needed\" solving settles nothing more: excused, in no figure", arguments: StoreBackend.allCases)
    func noResponseNeededFirst(_ backend: StoreBackend) throws {
        let (temp, id) = try Self.store(backend)
        let excused = try temp.store.markNoResponseNeeded(ticketID: id, agent: "Li Wei", now: at(minutes: 30))
        #expect(excused.count == 2 && excused.allSatisfy(\.excused))
        let solved = try temp.store.solve(ticketID: id, outcome: OutcomeChoice(problem: .other, responsible: .customer), by: "Li Wei",
                                          now: at(minutes: 60))
        #expect(solved.closedUnanswered.isEmpty)
        let after = try figures(temp, at(minutes: 61))
        #expect(after.team.metToday == .none)
        let amazon = try #require(after.lanes.first { $0.subject == .lane(Lane(channel: .marketplace, marketplace: .amazon)) })
        #expect(amazon.lateResponse[.days7] == Share.none)
    }

    @Test("Answered, then solved: nothing is left to close; the answer counts once and in time", arguments: StoreBackend.allCases)
    func answeredThenSolved(_ backend: StoreBackend) throws {
        let (temp, id) = try Self.store(backend)
        _ = try temp.store.send(ReplyRequest(ticketID: id, body: "Ihr Paket ist unterwegs.", author: "Li Wei", idempotencyKey: "k"),
                                now: at(minutes: 30))
        let solved = try temp.store.solve(ticketID: id, outcome: OutcomeChoice(problem: .lateOrLostParcel, responsible: .carrier),
                                          by: "Li Wei", now: at(minutes: 60))
        #expect(solved.closedUnanswered.isEmpty)
        let after = try figures(temp, at(minutes: 61))
        #expect(after.team.metToday == Share(part: 2, whole: 2))
        #expect(after.team.repliedToday == 1)
        let amazon = try #require(after.lanes.first { $0.subject == .lane(Lane(channel: .marketplace, marketplace: .amazon)) })
        #expect(amazon.lateResponse[.days7] == Share(part: 0, whole: 1))
    }

    @Test("The customer writes again: the new clocks start from the new message, not the closed one", arguments: StoreBackend.allCases)
    func reopened(_ backend: StoreBackend) throws {
        let (temp, id) = try Self.store(backend)
        _ = try temp.store.solve(ticketID: id, outcome: OutcomeChoice(problem: .other, responsible: .customer), by: "Li Wei",
                                 now: at(minutes: 60))
        _ = try temp.store.ingest([Fixture.message("m2", conversation: "c1", at: 180)])
        let ticket = try #require(try temp.store.ticket(id: id))
        #expect(ticket.status == .open)
        #expect(ticket.due == at(minutes: 180 + 4 * 60))  // the team's 4 h from 3:00, not from 0:00
        // Answering it now settles the new clocks in time; the closed message stays unanswered.
        _ = try temp.store.send(ReplyRequest(ticketID: id, body: "Gern.", author: "Li Wei", idempotencyKey: "k2"), now: at(minutes: 200))
        let after = try figures(temp, at(minutes: 201))
        #expect(after.team.metToday == Share(part: 2, whole: 4))
        let amazon = try #require(after.lanes.first { $0.subject == .lane(Lane(channel: .marketplace, marketplace: .amazon)) })
        #expect(amazon.lateResponse[.days7] == Share(part: 1, whole: 2))
    }
}
