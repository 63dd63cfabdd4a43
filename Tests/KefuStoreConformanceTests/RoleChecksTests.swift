import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// The store refuses lead-only changes from agents inside the write transaction: the refusal
/// says what needs the lead role, and nothing (owner, history, outcome) changes.
@Suite("Roles: the store's checks")
struct RoleChecksTests {
    let agent = ActingAgent(name: "Li Wei", standing: .agent)
    let lead = ActingAgent(name: "Zhang Min", standing: .lead)
    let at = Fixture.base.addingTimeInterval(600)

    /// Three tickets that need a reply, nobody's yet.
    static func store(_ backend: StoreBackend) throws -> (BackendStore, [Int64]) {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest((0..<3).map { Fixture.message("m\($0)", conversation: "c\($0)", at: Double($0)) })
        return (temp, try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 100).map(\.id))
    }

    @Test("An agent takes an unowned ticket and gives it back; a lead moves anything", arguments: StoreBackend.allCases)
    func allowed(_ backend: StoreBackend) throws {
        let (temp, ids) = try Self.store(backend)
        #expect(try temp.store.assign(ticketIDs: [ids[0]], to: "Li Wei", acting: agent, now: at).count == 1)
        #expect(try temp.store.assign(ticketIDs: [ids[0]], to: nil, acting: agent, now: at).count == 1)
        #expect(try temp.store.assign(ticketIDs: ids, to: "Bo Chen", acting: lead, now: at).count == 3)
        #expect(try temp.store.assignments(ticketID: ids[0]).map(\.assignedBy) == ["Li Wei", "Li Wei", "Zhang Min"])
    }

    @Test("An agent's batch, give-away and take-over are refused and change nothing", arguments: StoreBackend.allCases)
    func refused(_ backend: StoreBackend) throws {
        let (temp, ids) = try Self.store(backend)
        try temp.store.assign(ticketIDs: [ids[1]], to: "Bo Chen", acting: lead, now: at)
        #expect(throws: LeadRoleRequired(action: .moveBatch(count: 2), agent: agent)) {
            try temp.store.assign(ticketIDs: [ids[0], ids[2]], to: "Li Wei", acting: agent, now: at)
        }
        #expect(throws: LeadRoleRequired(action: .giveToOther("Anna"), agent: agent)) {
            try temp.store.assign(ticketIDs: [ids[0]], to: "Anna", acting: agent, now: at)
        }
        #expect(throws: LeadRoleRequired(action: .takeFrom("Bo Chen"), agent: agent)) {
            try temp.store.assign(ticketIDs: [ids[1]], to: "Li Wei", acting: agent, now: at)
        }
        #expect(try ids.map { try temp.store.assignee(ticketID: $0) } == [nil, "Bo Chen", nil])
        #expect(try temp.store.assignments(ticketID: ids[0]).isEmpty)
        #expect(try temp.store.assignments(ticketID: ids[1]).count == 1)
    }

    @Test("An agent solves and records a first outcome; changing a recorded one is a lead's", arguments: StoreBackend.allCases)
    func outcomes(_ backend: StoreBackend) throws {
        let (temp, ids) = try Self.store(backend)
        let first = OutcomeChoice(problem: .lateOrLostParcel, responsible: .carrier)
        let changed = OutcomeChoice(problem: .wrongItem, responsible: .warehouse)
        _ = try temp.store.solve(ticketID: ids[0], outcome: first, acting: agent, now: at)
        try temp.store.setOutcome(ticketID: ids[1], outcome: first, acting: agent, now: at)  // none recorded yet
        #expect(throws: LeadRoleRequired(action: .editOutcome(ticketID: ids[0]), agent: agent)) {
            try temp.store.setOutcome(ticketID: ids[0], outcome: changed, acting: agent, now: at)
        }
        // S again on the solved ticket is the same edit.
        #expect(throws: LeadRoleRequired(action: .editOutcome(ticketID: ids[0]), agent: agent)) {
            _ = try temp.store.solve(ticketID: ids[0], outcome: changed, acting: agent, now: at)
        }
        #expect(try temp.store.outcome(ticketID: ids[0])?.choice.problem == .lateOrLostParcel)
        #expect(try temp.store.outcomeHistory(ticketID: ids[0]).count == 1)
        try temp.store.setOutcome(ticketID: ids[0], outcome: changed, acting: lead, now: at)
        #expect(try temp.store.outcomeHistory(ticketID: ids[0]).map(\.recordedBy) == ["Li Wei", "Zhang Min"])
        // Reopened by the customer and solved again: a new outcome, not an edit.
        let conversation = try #require(try temp.store.ticket(id: ids[0])?.conversation)
        _ = try temp.store.ingest([Fixture.message("again", conversation: conversation, at: 30)])
        #expect(try temp.store.ticket(id: ids[0])?.status == .open)
        _ = try temp.store.solve(ticketID: ids[0], outcome: first, acting: agent, now: at.addingTimeInterval(60))
        #expect(try temp.store.outcome(ticketID: ids[0])?.recordedBy == "Li Wei")
    }
}
