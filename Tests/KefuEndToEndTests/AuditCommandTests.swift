import Foundation
import Testing
import KefuTestSupport

/// `kefu audit` through the real binary, on a SQLite file and on the tests' PostgreSQL server:
/// what `kefu next`, `kefu assign` and `kefu outcome set` did is listed with who and when; a
/// refused assignment adds nothing; hostile names reach the terminal sanitised.
@Suite("kefu audit end to end", .serialized)
struct AuditCommandTests {
    enum Backend: String, CaseIterable, CustomStringConvertible {
        case sqlite, postgres
        var description: String { rawValue }
    }

    @Test("next, assign (refused, then by the lead), outcome: each listed once, filters and JSON agree", arguments: Backend.allCases)
    func auditTrail(_ backend: Backend) throws {
        let scratch = try Scratch()
        let db = backend == .sqlite ? scratch.path("audit.sqlite") : try TestPostgresServer.shared().newDatabaseURL()
        let config = scratch.path("kefu.yaml")
        try """
            team:
              agents:
                - {name: Zhang Min, role: lead, login: zhangmin}
                - {name: Li Wei, role: agent}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        func kefu(_ arguments: [String], as agent: String, input: String? = nil) throws -> Shell.Result {
            try KefuBinary.run(arguments, input: input, environment: ["KEFU_CONFIG": config, "KEFU_AGENT": agent], check: false)
        }
        let lines = [
            StoreSharingTests.line(id: "a1", conversation: "amz-1", minutesAgo: 30, from: "Anna Müller <anna@example.de>", subject: "Wo ist mein Paket?", body: "Hallo"),
            StoreSharingTests.line(id: "a2", conversation: "amz-2", minutesAgo: 20, from: "Zoé <zoe@example.fr>", subject: "Colis", body: "Bonjour"),
        ].joined(separator: "\n")
        #expect(try kefu(["ingest", "--db", db, "-"], as: "zhangmin", input: lines).status == 0)
        #expect(try kefu(["audit", "--db", db], as: "Li Wei").error.contains("no audit entries match"))

        let next = try kefu(["next", "--db", db], as: "Li Wei")
        #expect(next.status == 0)
        let claimed = try #require(Int(next.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let refused = try kefu(["assign", "--db", db, "--to", "Bo Chen", "\(claimed)"], as: "Li Wei")
        #expect(refused.status == 1)
        #expect(try kefu(["assign", "--db", db, "--to", "Bo Chen", "\(claimed)"], as: "zhangmin").status == 0)
        #expect(try kefu(["outcome", "set", "\(claimed)", "--db", db, "--problem", "wrong-item", "--responsible", "warehouse", "--solve"],
                         as: "Li Wei").status == 0)
        // An agent name from the environment with a terminal escape in it (not on the team list).
        let hostile = "Mallory\u{1B}]52;c;ZXZpbA==\u{07}"
        let other = try kefu(["next", "--db", db], as: hostile)
        #expect(other.status == 0)
        let otherID = try #require(Int(other.output.trimmingCharacters(in: .whitespacesAndNewlines)))

        let text = try kefu(["audit", "--db", db], as: "Li Wei")
        #expect(text.status == 0)
        let rows = text.output.split(separator: "\n").map(String.init)
        try #require(rows.count == 4, "\(rows)")
        #expect(rows[0].contains("#\(claimed) ") && rows[0].contains("claim ") && rows[0].contains("Li Wei") && rows[0].contains("lease until"))
        #expect(rows[1].contains("assign") && rows[1].contains("Zhang Min") && rows[1].contains("to Bo Chen"))
        #expect(rows[2].contains("solve") && rows[2].contains("Li Wei") && rows[2].contains("wrong-item/warehouse/"))
        #expect(rows[3].contains("claim ") && rows[3].contains("#\(otherID) ") && rows[3].contains("Mallory"))
        #expect(!text.output.contains("\u{1B}") && !text.output.contains("\u{07}"))
        // Each line starts with its time, newest last.
        let times = rows.map { String($0.prefix(20)) }
        #expect(times == times.sorted())
        // No customer text reaches the log.
        #expect(!text.output.contains("Anna") && !text.output.contains("Paket"))

        let json = try kefu(["audit", "--db", db, "--json", "--ticket", "\(claimed)"], as: "Li Wei")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(objects.compactMap { $0["action"] as? String } == ["claim", "assign", "solve"])
        #expect(objects.compactMap { $0["agent"] as? String } == ["Li Wei", "Zhang Min", "Li Wei"])
        #expect(objects.allSatisfy { $0["ticket"] as? Int == claimed })
        let byAgent = try kefu(["audit", "--db", db, "--json", "--agent", "Zhang Min"], as: "Li Wei")
        let lead = try #require(try JSONSerialization.jsonObject(with: Data(byAgent.output.utf8)) as? [[String: Any]])
        #expect(lead.compactMap { $0["action"] as? String } == ["assign"])
        let newest = try kefu(["audit", "--db", db, "--limit", "2", "--since", "1h"], as: "Li Wei")
        #expect(newest.output.split(separator: "\n").map(String.init) == Array(rows.suffix(2)))
        let future = try kefu(["audit", "--db", db, "--since", "2999-01-01T00:00:00Z"], as: "Li Wei")
        #expect(future.status == 0 && future.output.isEmpty)

        let bad = try kefu(["audit", "--db", db, "--since", "yesterday"], as: "Li Wei")
        #expect(bad.status != 0)
        #expect(bad.error.contains("--since yesterday is neither an RFC 3339 instant"))
        let badLimit = try kefu(["audit", "--db", db, "--limit", "0"], as: "Li Wei")
        #expect(badLimit.status != 0 && badLimit.error.contains("--limit must be at least 1"))
    }
}
