import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport

/// Roles from a real config file: an agent at the real console and on the command line is told
/// what needs the lead role, and the store is left as it was; the lead named in the file may.
@Suite("Team roles end to end", .serialized)
struct TeamRolesEndToEndTests {
    let scratch: Scratch
    let db: String
    let config: String

    init() throws {
        scratch = try Scratch()
        db = scratch.path("roles.sqlite")
        config = scratch.path("kefu.yaml")
        try """
            team:
              agents:
                - {name: Zhang Min, role: lead, login: zhangmin}
                - {name: Li Wei, role: agent}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        try KefuBinary.run(["demo", "--db", db, "--tickets", "30", "--no-console"])
    }

    func kefu(_ arguments: [String], as agent: String) throws -> Shell.Result {
        try KefuBinary.run(arguments, environment: ["KEFU_CONFIG": config, "KEFU_AGENT": agent], check: false)
    }

    @Test("An agent marks two tickets and presses A: the status bar names the lead role, nothing moves")
    func consoleRefusal() throws {
        let ids = try ConsoleWalkthroughTests.needsReply(db: db).prefix(2).compactMap { $0["id"] as? Int }
        try #require(ids.count == 2)
        let tmux = try Tmux(command: [KefuBinary.path, "console", "--db", db], environment: ["KEFU_CONFIG": config])
        try tmux.waitFor(text: "Queue · needs reply · 1/")
        // x marks the row it is on; j moves on to the next.
        try tmux.press("x", "j", "x")
        try tmux.waitFor(text: "2 marked")
        try tmux.press("A")
        try tmux.waitFor(text: "Moving 2 tickets at once needs the lead role (Li Wei is an agent)")
        #expect(!tmux.screen().contains("assign 2 tickets to:"))
        // Taking one unowned ticket is an agent's own business.
        try tmux.press("g", "g", "x", "j", "x")  // unmark both
        try tmux.waitFor("no marks") { !$0.contains("marked") }
        try tmux.press("g", "g", "a")
        try tmux.waitFor(text: "#\(ids[0]) now belongs to you")
        try tmux.press("q")
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.assignments(ticketID: Int64(ids[0])).map(\.assignedBy) == ["Li Wei"])
        #expect(try store.assignments(ticketID: Int64(ids[1])).isEmpty)
    }

    @Test("kefu assign and kefu outcome set: an agent is refused on stderr with exit 1; the lead may")
    func commandLine() throws {
        let ids = try ConsoleWalkthroughTests.needsReply(db: db).prefix(2).compactMap { $0["id"] as? Int }.map(String.init)
        let batch = try kefu(["assign", "--db", db, "--to", "Li Wei"] + ids, as: "Li Wei")
        #expect(batch.status == 1)
        #expect(batch.error.contains("Moving 2 tickets at once needs the lead role (Li Wei is an agent); nothing was changed"))
        let impersonating = try kefu(["assign", "--db", db, "--to", "Li Wei", "--by", "zhang min", ids[0]], as: "Li Wei")
        #expect(impersonating.status == 1)
        #expect(impersonating.error.contains("Acting as Zhang Min needs the lead role"))
        let unlisted = try kefu(["assign", "--db", db, "--to", "Bo Chen", ids[0]], as: "Temp")
        #expect(unlisted.error.contains("Giving a ticket to Bo Chen needs the lead role (Temp is not on the team list, so counts as an agent)"))
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try ids.allSatisfy { try store.assignments(ticketID: Int64($0)!).isEmpty })

        // The lead, known by login through $KEFU_AGENT, moves both; the history names her.
        let moved = try kefu(["assign", "--db", db, "--to", "Li Wei"] + ids, as: "zhangmin")
        #expect(moved.status == 0 && moved.output.contains("2 of 2 tickets now belong to Li Wei"))
        #expect(try store.assignments(ticketID: Int64(ids[0])!).last?.assignedBy == "Zhang Min")

        // Li Wei records the first outcome (solving); changing it afterwards is the lead's.
        let solved = try kefu(["outcome", "set", ids[0], "--db", db, "--problem", "wrong-item", "--responsible", "warehouse", "--solve"], as: "Li Wei")
        #expect(solved.status == 0)
        #expect(solved.error.contains("solved without a reply to the customer's last message: it counts as unanswered"))
        let edit = try kefu(["outcome", "set", ids[0], "--db", db, "--problem", "damaged-parcel", "--responsible", "carrier"], as: "Li Wei")
        #expect(edit.status == 1)
        #expect(edit.error.contains("Changing the recorded outcome of #\(ids[0]) needs the lead role (Li Wei is an agent)"))
        #expect(try store.outcome(ticketID: Int64(ids[0])!)?.choice.problem == .wrongItem)
        let leadEdit = try kefu(["outcome", "set", ids[0], "--db", db, "--problem", "damaged-parcel", "--responsible", "carrier"], as: "Zhang Min")
        #expect(leadEdit.status == 0)
        #expect(try store.outcomeHistory(ticketID: Int64(ids[0])!).map(\.recordedBy) == ["Li Wei", "Zhang Min"])

        // The report lists everyone on the team list, Zhang Min too, who answered nothing.
        let report = try kefu(["report", "--db", db, "--format", "json"], as: "Li Wei")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        let agents = try #require(root["agents"] as? [[String: Any]])
        let zhang = try #require(agents.first { $0["agent"] as? String == "Zhang Min" })
        #expect(zhang["replied_today"] as? Int == 0)
    }

    @Test("A broken team list stops kefu with the file, line and field")
    func brokenConfig() throws {
        try "team:\n  agents:\n    - {name: Li Wei, role: boss}\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try kefu(["assign", "--db", db, "--to", "Li Wei", "1"], as: "Li Wei")
        #expect(result.status != 0)
        #expect(result.error.contains("\(config):3: team.agents[0].role: \"boss\" is not a role (lead or agent)"))
    }
}
