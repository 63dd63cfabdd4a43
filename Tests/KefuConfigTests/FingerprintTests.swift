import Foundation
import Testing
import KefuConfig

/// The store recomputes open deadlines when the fingerprint changes: it must follow the SLA
/// rules, and only them.
@Suite("Configuration fingerprint")
struct FingerprintTests {
    let teamTwoHours = """
        sla:
          policies:
            - name: team-first-answer
              layer: team
              targets: {first_reply: 2bh, next_reply: 2bh}
        """

    @Test("A changed SLA rule changes it; comments, layout and other sections do not")
    func followsRulesOnly() throws {
        let base = try configuration(user: teamTwoHours).fingerprint
        #expect(try configuration(user: nil).fingerprint != base)
        #expect(try configuration(user: teamTwoHours.replacingOccurrences(of: "2bh, next_reply: 2bh", with: "3bh, next_reply: 2bh")).fingerprint != base)
        let reformatted = """
            # the team promises two business hours
            sla:
              policies:
                - name:    team-first-answer
                  layer: team
                  targets:
                    first_reply: 2bh
                    next_reply: 2bh
            """
        #expect(try configuration(user: reformatted).fingerprint == base)
        #expect(try configuration(user: teamTwoHours + "\nevidence:\n  size_limit: 10MB\n").fingerprint == base)
        #expect(try configuration(user: teamTwoHours).deadlinePolicy().fingerprint == base)
    }
}
