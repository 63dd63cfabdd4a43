import Foundation
import KefuConfig
import KefuCore
import Testing

/// The `team` section: the team list with roles, read when right, refused at file:line:field
/// when wrong; no section means no roles.
@Suite("Config: team section and roles")
struct TeamSectionTests {
    static let team = """
        team:
          agents:
            - name: Zhang Min
              role: lead
              login: zhangmin
            - {name: Li Wei, role: agent, login: liwei}
            - name: Bo Chen
              role: Agent
        """

    @Test("Names, roles (any case) and logins are read in order")
    func read() throws {
        let roster = try configuration(user: Self.team).team
        #expect(roster.members == [
            TeamMember(name: "Zhang Min", role: .lead, login: "zhangmin"),
            TeamMember(name: "Li Wei", role: .agent, login: "liwei"),
            TeamMember(name: "Bo Chen", role: .agent),
        ])
        #expect(try configuration().team.isEmpty)
        #expect(try configuration(user: "mail:\n  utc_offset: \"+08:00\"\n").team == .none)
    }

    @Test("Who is at the keyboard: $KEFU_AGENT by name or login, else the login through the list")
    func identify() throws {
        let roster = try configuration(user: Self.team).team
        #expect(roster.identify(agent: "li wei", login: "root") == ActingAgent(name: "Li Wei", standing: .agent))
        #expect(roster.identify(agent: "zhangmin", login: nil) == ActingAgent(name: "Zhang Min", standing: .lead))
        #expect(roster.identify(agent: nil, login: "zhangmin") == ActingAgent(name: "Zhang Min", standing: .lead))
        #expect(roster.identify(agent: "", login: "liwei") == ActingAgent(name: "Li Wei", standing: .agent))
        // Not on the list: counts as an agent, keeps the name given.
        #expect(roster.identify(agent: "Temp Worker", login: "x") == ActingAgent(name: "Temp Worker", standing: .unlisted))
        #expect(!roster.identify(agent: "Temp Worker", login: "x").mayLead)
        // No list: no roles, everyone may lead.
        let alone = TeamRoster.none.identify(agent: nil, login: "me")
        #expect(alone == ActingAgent(name: "me", standing: .noRoles) && alone.mayLead)
    }

    @Test("Errors name the file, line and field")
    func errors() {
        #expect(configError("team:\n  agents:\n    - name: A\n      role: boss\n") == "kefu.yaml:4: team.agents[0].role: \"boss\" is not a role (lead or agent)")
        #expect(configError("team:\n  agents:\n    - name: A\n") == "kefu.yaml:3: team.agents[0]: missing field 'role' (lead or agent)")
        #expect(configError("team:\n  agents:\n    - role: lead\n") == "kefu.yaml:3: team.agents[0]: missing field 'name'")
        #expect(configError("team:\n  agents:\n    - {name: A, role: lead, team: x}\n")?
            .hasPrefix("kefu.yaml:3: team.agents[0].team: unknown field 'team'") == true)
        #expect(configError("team:\n  agents:\n    - {name: Li Wei, role: lead}\n    - {name: li wei, role: agent}\n")
            == "kefu.yaml:4: team.agents[1].name: \"li wei\" is on the list twice (also at team.agents[0])")
        #expect(configError("team:\n  agents:\n    - {name: A, role: lead, login: a}\n    - {name: B, role: agent, login: a}\n")
            == "kefu.yaml:4: team.agents[1].login: login \"a\" is given twice (also at team.agents[0])")
        #expect(configError("team:\n  agents:\n    - {name: A, role: agent}\n")
            == "kefu.yaml:3: team.agents: nobody has the lead role: no one could move tickets between people or correct outcomes")
        #expect(configError("team:\n  agents: []\n") == "kefu.yaml:2: team.agents: the list is empty; leave the team section out to run without roles")
        #expect(configError("team:\n  lead: A\n")?.hasPrefix("kefu.yaml:2: team.lead: unknown field 'lead'") == true)
        #expect(configError("team:\n  agents:\n    - {name: '  ', role: lead}\n") == "kefu.yaml:3: team.agents[0].name: a name must be printable text")
    }
}
