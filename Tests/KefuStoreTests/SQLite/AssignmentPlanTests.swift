import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport

/// SQLite only: its query plan. The behaviour is in the conformance suite (AssignmentTests).
@Suite("Assignment: the SQLite plan of the mine / unassigned queues")
struct AssignmentPlanTests {
    func store(tickets: Int) throws -> (TemporaryStore, [Int64]) {
        let temp = try TemporaryStore()
        _ = try temp.store.ingest((0..<tickets).map { Fixture.message("m\($0)", conversation: "c\($0)", at: Double($0)) })
        let ids = try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 100).map(\.id)
        return (temp, ids)
    }

    @Test("The mine and unassigned queues are read through the assignee index, not a table scan")
    func usesIndex() throws {
        let (temp, _) = try store(tickets: 1)
        let plan = try temp.store.explainQueuePlan(QueueQuery(now: Fixture.base, scope: QueueScope(assignee: .agent("Li Wei"))))
        #expect(plan.contains("ticket_assignee_needs_reply"), "plan: \(plan)")
        let unassigned = try temp.store.explainQueuePlan(QueueQuery(view: .allOpen, now: Fixture.base, scope: QueueScope(assignee: .unassigned)))
        #expect(unassigned.contains("ticket_assignee_open"), "plan: \(unassigned)")
        #expect(!plan.contains("TEMP B-TREE"), "the order must come from the index: \(plan)")
    }
}
