import Foundation
import KefuCore
import Testing

/// Who may move which ticket, and what a refusal says.
@Suite("Roles: the assignment rule")
struct AssignmentRuleTests {
    @Test("The rule: agents take unowned tickets and give their own back, one at a time; leads move anything")
    func assignmentRule() throws {
        let agent = ActingAgent(name: "Li Wei", standing: .agent)
        let lead = ActingAgent(name: "Zhang Min", standing: .lead)
        try AssignmentRule.check(agent, owners: [(1, nil)], to: "Li Wei")
        try AssignmentRule.check(agent, owners: [(1, "Li Wei")], to: nil)
        try AssignmentRule.check(agent, owners: [(1, "li wei")], to: "Li Wei")
        #expect(throws: LeadRoleRequired(action: .giveToOther("Bo Chen"), agent: agent)) {
            try AssignmentRule.check(agent, owners: [(1, nil)], to: "Bo Chen")
        }
        #expect(throws: LeadRoleRequired(action: .takeFrom("Bo Chen"), agent: agent)) {
            try AssignmentRule.check(agent, owners: [(1, "Bo Chen")], to: "Li Wei")
        }
        #expect(throws: LeadRoleRequired(action: .takeFrom("Bo Chen"), agent: agent)) {
            try AssignmentRule.check(agent, owners: [(1, "Bo Chen")], to: nil)
        }
        #expect(throws: LeadRoleRequired(action: .moveBatch(count: 2), agent: agent)) {
            try AssignmentRule.check(agent, owners: [(1, nil), (2, nil)], to: "Li Wei")
        }
        try AssignmentRule.check(lead, owners: [(1, "Bo Chen"), (2, nil)], to: "Anna")
        try AssignmentRule.check(.unrestricted("anyone"), owners: [(1, "Bo Chen"), (2, nil)], to: "Anna")
        let refusal = LeadRoleRequired(action: .moveBatch(count: 2), agent: agent).description
        #expect(refusal == "Moving 2 tickets at once needs the lead role (Li Wei is an agent); nothing was changed")
        let unlisted = LeadRoleRequired(action: .editOutcome(ticketID: 7), agent: ActingAgent(name: "Temp", standing: .unlisted))
        #expect(unlisted.description == "Changing the recorded outcome of #7 needs the lead role (Temp is not on the team list, so counts as an agent); nothing was changed")
    }
}
