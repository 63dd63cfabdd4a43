import Foundation
import Testing

/// The customer profile and the customer commands through the real binary: `i` on a demo
/// ticket shows the customer with earlier conversations, `Enter` opens one, `Esc` comes back;
/// `kefu customer show|merge|split` and `kefu customers`, with their refusals.
@Suite("Customers end to end", .serialized)
struct CustomerEndToEndTests {
    @Test("Demo: i shows the customer of #3 with earlier conversations; Enter opens one; Esc comes back to #3")
    func profileInTheConsole() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        let tmux = try Tmux(command: ["sh", "-c", "\(Tmux.quote(KefuBinary.path)) demo --db \(Tmux.quote(db)) --tickets 20; echo EXIT=$?; sleep 600"],
                            rows: 40, cols: 120)
        try tmux.waitFor(text: "Queue · needs reply")
        try tmux.press("#")
        try tmux.type("3")
        try tmux.press("Enter")
        try tmux.waitFor("ticket #3 in the thread") { $0.contains(" #3 ") && $0.contains("Thread · ") }
        try tmux.press("i")
        let profile = try tmux.waitFor("the customer profile") { $0.contains("Customer C") && $0.contains("earlier conversations (3)") }
        #expect(profile.contains("country unknown"))
        #expect(profile.contains("spent ") && profile.contains(" EUR") && profile.contains(" GBP"))
        #expect(profile.contains("damaged parcel · carrier · reship") || profile.contains("late / lost parcel · carrier · reship"))
        // The help and the hint line name the profile's keys.
        #expect(profile.contains("Enter open"))
        // The first earlier conversation is selected when the profile opens; j moves the mark on.
        let firstSelected = profile.split(separator: "\n").first { $0.contains("▸#") }.map(String.init)
        try tmux.press("j")
        let moved = try tmux.waitFor("the second earlier conversation selected") { screen in
            guard let line = screen.split(separator: "\n").first(where: { $0.contains("▸#") }) else { return false }
            return String(line) != firstSelected
        }
        let selectedLine = try #require(moved.split(separator: "\n").first { $0.contains("▸#") })
        let afterMark = selectedLine[selectedLine.range(of: "▸#")!.upperBound...]
        let earlier = try #require(Int(afterMark.prefix { $0.isNumber }))
        #expect(earlier != 3)
        try tmux.press("Enter")
        // The status bar names the ticket in view (the "is solved" flash lasts only seconds).
        try tmux.waitFor("the earlier conversation opened") { screen in
            (screen.split(separator: "\n").dropLast().last ?? "").hasPrefix(" #\(earlier) ")
        }
        try tmux.press("Escape")
        let back = try tmux.waitFor("back on #3 with the profile") { screen in
            let status = screen.split(separator: "\n").dropLast().last ?? ""
            return status.hasPrefix(" #3 ") && screen.contains("Customer C")
        }
        #expect(back.contains("earlier conversations (3)"))
        try tmux.press("Escape")
        try tmux.waitFor("the profile closed") { !$0.contains("earlier conversations") }
        try tmux.press("q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test("Commands: show by id and email (JSON), list a segment, merge and split by a lead with audit rows; bad input named")
    func commands() throws {
        let scratch = try Scratch()
        let db = scratch.path("c.sqlite")
        let config = scratch.path("kefu.yaml")
        try """
            team:
              agents:
                - {name: Zhang Min, role: lead, login: zhangmin}
                - {name: Li Wei, role: agent}
            customers:
              segments: {lapsed_days: 400, at_risk_days: 300}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        func kefu(_ arguments: [String], as agent: String = "zhangmin") throws -> Shell.Result {
            try KefuBinary.run(arguments, environment: ["KEFU_CONFIG": config, "KEFU_AGENT": agent], check: false)
        }
        #expect(try kefu(["demo", "--db", db, "--tickets", "10", "--no-console"]).status == 0)
        let shown = try kefu(["customer", "show", "C3", "--db", db])
        #expect(shown.status == 0)
        #expect(shown.output.contains("C3 ") && shown.output.contains("conversations:") && shown.output.contains("orders:"))
        let email = try #require(shown.output.split(separator: "\n").first { $0.contains("keys: ") }.flatMap { line in
            line.split(separator: " ").first { $0.contains("@") }.map { String($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }
        })
        let json = try kefu(["customer", "show", email, "--db", db, "--json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "C3")
        #expect((object["conversations"] as? [[String: Any]])?.count == 4)
        #expect((object["total_spent"] as? [[String: Any]])?.isEmpty == false)

        let unknown = try kefu(["customer", "show", "C999", "--db", db])
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("no customer C999"))
        let itself = try kefu(["customer", "merge", "C1", "C1", "--db", db])
        #expect(itself.status == 1)
        #expect(itself.error.contains("cannot merge C1 with itself"))
        let badSegment = try kefu(["customers", "--segment", "gold", "--db", db])
        #expect(badSegment.status != 0)
        #expect(badSegment.error.contains("gold") && badSegment.error.contains("at risk"))

        let byAgent = try kefu(["customer", "merge", "C1", "C2", "--db", db], as: "Li Wei")
        #expect(byAgent.status == 1)
        #expect(byAgent.error.contains("needs the lead role"))
        let merged = try kefu(["customer", "merge", "C1", "C2", "--db", db])
        #expect(merged.status == 0)
        #expect(merged.output.contains("C2 merged into C1"))
        #expect(try kefu(["customer", "show", "C2", "--db", db]).output.hasPrefix("C1 "))
        let split = try kefu(["customer", "split", "C1", "C2", "--db", db])
        #expect(split.status == 0)
        #expect(split.output.contains("C2 split from C1 and kept apart"))
        #expect(try kefu(["customer", "show", "C2", "--db", db]).output.hasPrefix("C2 "))
        let audit = try kefu(["audit", "--db", db]).output
        #expect(audit.contains("customer-merge") && audit.contains("C2 into C1") && audit.contains("customer-split"))

        let csv = try kefu(["customers", "--db", db, "--csv"])
        #expect(csv.status == 0)
        #expect(csv.output.hasPrefix("id,name,segment,recency,frequency,monetary"))
        let listed = try kefu(["customers", "--db", db, "--json"])
        let customers = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        #expect(customers.allSatisfy { $0["segment"] is String })
        let segment = try #require(customers.first?["segment"] as? String)
        let only = try kefu(["customers", "--db", db, "--segment", segment, "--json"])
        let filtered = try #require(try JSONSerialization.jsonObject(with: Data(only.output.utf8)) as? [[String: Any]])
        #expect(!filtered.isEmpty && filtered.allSatisfy { $0["segment"] as? String == segment })
    }
}
