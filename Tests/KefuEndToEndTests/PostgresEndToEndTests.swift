import Foundation
import Testing
import KefuTestSupport

/// The `kefu` binary on a PostgreSQL store the tests start on loopback: two "machines" (two
/// processes with the same URL) share one queue, and every bad `--db` gets one clear line.
@Suite("Team store on PostgreSQL end to end", .serialized)
struct PostgresEndToEndTests {
    @Test("Ingest, queue and show by URL; a reply sent in one console reaches another console and kefu show")
    func sharedQueue() throws {
        let url = try TestPostgresServer.shared().newDatabaseURL()
        let lines = [
            StoreSharingTests.line(id: "p1", conversation: "amz-1", minutesAgo: 30, from: "Anna Müller <anna@example.de>", subject: "Wo ist mein Paket?", body: "Hallo, wo ist es?"),
            StoreSharingTests.line(id: "p2", conversation: "amz-2", minutesAgo: 90, from: "佐藤 花子 <hanako@example.jp>", subject: "荷物はどこですか", body: "こんにちは"),
        ].joined(separator: "\n")
        let ingested = try KefuBinary.run(["ingest", "--db", url, "-"], input: lines)
        #expect(ingested.output.contains("Ingested 2 messages (2 new conversations)"))
        let queue = try KefuBinary.run(["queue", "--json", "--db", url])
        let tickets = try #require(try JSONSerialization.jsonObject(with: Data(queue.output.utf8)) as? [[String: Any]])
        // Both listed; their order follows the team's business hours, so it depends on the hour the test runs.
        let customers = tickets.compactMap { $0["customer"] as? String }
        #expect(Set(customers) == ["佐藤 花子", "Anna Müller"])
        let annaRow = try #require(customers.firstIndex(of: "Anna Müller"))

        // Li Wei answers Anna in her console; Zhang Min's console, on "another machine", sees it.
        let liWei = try Tmux(command: [KefuBinary.path, "--db", url])
        let zhangMin = try Tmux(command: [KefuBinary.path, "--db", url], environment: ["KEFU_AGENT": "Zhang Min"])
        try liWei.waitFor(text: "Anna Mü")
        try zhangMin.waitFor(text: "needs reply 2 ")
        for _ in 0..<annaRow { try liWei.press("j") }
        try liWei.press("r")
        try liWei.waitFor(text: "Reply to Anna Müller")
        try liWei.type("Guten Tag Anna, Ihr Paket ist unterwegs: DHL 00340434161094042557. Danke!")
        try liWei.press("C-s")
        try liWei.waitFor("the reply to be sent", timeout: 10) { screen in
            if screen.contains("Send anyway? y/n") { try? liWei.press("y") }
            return screen.contains("Reply sent to Anna Müller")
        }
        try zhangMin.waitFor("the other console to see the answer", timeout: 5) { $0.contains("needs reply 1 ") }
        let anna = try #require(tickets.first { $0["customer"] as? String == "Anna Müller" }?["id"] as? Int)
        let shown = try KefuBinary.run(["show", "\(anna)", "--db", url])
        #expect(shown.output.contains("── Agent · Li Wei"))
        #expect(shown.output.contains("queued"))
        try liWei.press("q")
        try zhangMin.press("q")
    }

    @Test("A password given in --db is blanked in the running console's command line (ps shows ******)")
    func passwordHiddenFromPs() throws {
        let url = try TestPostgresServer.shared().newDatabaseURL()
        // The test server trusts its own user, so any password logs in: this one must not be seen.
        let withPassword = url.replacingOccurrences(of: "postgres://kefu@", with: "postgres://kefu:S3cret-pw@")
        let console = try Tmux(command: [KefuBinary.path, "--db", withPassword])
        try console.waitFor(text: "Queue ·")
        let pid = try console.panePID()
        let commandLine = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")), as: UTF8.self)
            .replacingOccurrences(of: "\0", with: " ")
        #expect(!commandLine.contains("S3cret-pw"), "\(commandLine)")
        #expect(commandLine.contains("postgres://kefu:*********@127.0.0.1:"), "\(commandLine)")
        try console.press("q")
    }

    @Test("A mistyped path, an unknown scheme, a closed port and a SQLite-only command each say what is wrong")
    func refusals() throws {
        let scratch = try Scratch()
        let missing = scratch.path("typo.sqlite")
        let typo = try KefuBinary.run(["queue", "--db", missing], check: false)
        #expect(typo.status == 1)
        #expect(typo.error.contains("\(missing), which does not exist"))
        #expect(!FileManager.default.fileExists(atPath: missing), "a mistyped path must not become a new store")

        let scheme = try KefuBinary.run(["queue", "--db", "mysql://root@localhost/kefu"], check: false)
        #expect(scheme.status == 1)
        #expect(scheme.error.contains("scheme mysql:") && scheme.error.contains("postgres://"))

        let port = try TestPostgresServer.freePort()
        let closed = try KefuBinary.run(["queue", "--db", "postgres://kefu:hunter2@127.0.0.1:\(port)/kefu"], check: false)
        #expect(closed.status == 1)
        #expect(closed.error.contains("127.0.0.1:\(port)") && closed.error.contains("refused"))
        #expect(!closed.error.contains("hunter2"))

        let url = try TestPostgresServer.shared().newDatabaseURL()
        let outbox = try KefuBinary.run(["outbox", "--db", url], check: false)
        #expect(outbox.status == 0)
        #expect(outbox.output.contains("The outbox is empty."))

        // KEFU_DB names the store when --db does not.
        try KefuBinary.run(["ingest", "-"], input: StoreSharingTests.line(
            id: "e1", conversation: "c1", minutesAgo: 5, from: "Zoé <zoe@example.fr>", subject: "Colis", body: "Bonjour"),
            environment: ["KEFU_DB": url])
        let queue = try KefuBinary.run(["queue"], environment: ["KEFU_DB": url])
        #expect(queue.output.contains("Zoé"))
    }

    @Test("Import, assign with roles, outcome, evidence, parcel and report on PostgreSQL, as on SQLite")
    func teamCommands() throws {
        let url = try TestPostgresServer.shared().newDatabaseURL()
        let scratch = try Scratch()
        let config = scratch.path("kefu.yaml")
        try """
            team:
              agents:
                - {name: Zhang Min, role: lead}
                - {name: Li Wei, role: agent}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        func kefu(_ arguments: [String], as agent: String = "Zhang Min") throws -> Shell.Result {
            try KefuBinary.run(arguments, environment: ["KEFU_CONFIG": config, "KEFU_AGENT": agent, "XDG_DATA_HOME": scratch.path("data")],
                               check: false)
        }
        // The same mailbox gives the same counts as on SQLite (MailImportCommandTests).
        let first = try kefu(["import", "maildir", "--db", url, MailImportCommandTests.mimeMaildir])
        #expect(first.status == 1)
        #expect(first.output == "Imported 26 messages (25 new conversations, 3 attachments), 0 already stored, 4 quarantined.\n")
        let second = try kefu(["import", "maildir", "--db", url, MailImportCommandTests.mimeMaildir])
        #expect(second.output == "Imported 0 messages (0 new conversations, 0 attachments), 26 already stored, 4 quarantined.\n")
        let quarantine = try kefu(["quarantine", "list", "--db", url]).output
        #expect(quarantine.hasSuffix("4 in quarantine.\n"))
        let orders = try kefu(["import", "orders", "--db", url, MailImportCommandTests.orders + "/amazon.tsv"])
        #expect(orders.output.hasPrefix("Imported 2 orders (3 rows, 2 parcels) (format amazon)"))

        let queue = try kefu(["queue", "--json", "--db", url]).output
        let ids = try #require(try JSONSerialization.jsonObject(with: Data(queue.utf8)) as? [[String: Any]]).compactMap { $0["id"] as? Int }
        try #require(ids.count >= 2)
        let (a, b) = (String(ids[0]), String(ids[1]))

        // Roles are checked in the store's transaction: an agent's batch is refused, a lead's goes.
        let refused = try kefu(["assign", "--db", url, "--to", "Li Wei", a, b], as: "Li Wei")
        #expect(refused.status == 1)
        #expect(refused.error.contains("Moving 2 tickets at once needs the lead role (Li Wei is an agent); nothing was changed"))
        let moved = try kefu(["assign", "--db", url, "--to", "Li Wei", a, b])
        #expect(moved.output == "2 of 2 tickets now belong to Li Wei\n")

        let solved = try kefu(["outcome", "set", a, "--db", url, "--problem", "wrong-item", "--responsible", "warehouse", "--solve"], as: "Li Wei")
        #expect(solved.status == 0)
        #expect(solved.output.contains("#\(a): wrong item · warehouse · reship (recorded by Li Wei)"))
        let edit = try kefu(["outcome", "set", a, "--db", url, "--problem", "missing-item", "--responsible", "carrier"], as: "Li Wei")
        #expect(edit.status == 1)
        #expect(edit.error.contains("Changing the recorded outcome of #\(a) needs the lead role"))
        #expect(try kefu(["outcome", "set", a, "--db", url, "--problem", "missing-item", "--responsible", "carrier"]).status == 0)
        let history = try kefu(["outcome", "show", a, "--db", url]).output
        #expect(history.contains("#\(a): missing item · carrier · reship"))
        #expect(history.contains("Li Wei: wrong item") && history.contains("Zhang Min: missing item"))

        let photo = scratch.path("weigh.jpg")
        try Data("weigh record".utf8).write(to: URL(fileURLWithPath: photo))
        let evidence = try kefu(["evidence", "add", "--db", url, "--order", "028-1111111-2222222", photo, "--kind", "weigh-record"])
        #expect(evidence.status == 0)
        let evidenceID = evidence.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(evidenceID.hasPrefix("EV-"))
        #expect(try kefu(["evidence", "list", "--db", url, "--order", "028-1111111-2222222"]).output.contains(evidenceID))
        let parcel = try kefu(["parcel", "add", "--db", url, "--order", "028-1111111-2222222", "1Z5R89390357567127"])
        #expect(parcel.output.hasPrefix("Attached 1Z5R89390357567127 (UPS) to order 028-1111111-2222222"))
        #expect(try kefu(["sla", "explain", b, "--db", url]).status == 0)

        let report = try kefu(["report", "--db", url, "--format", "json", "--time-zone", "UTC"])
        #expect(report.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        let agents = try #require(root["agents"] as? [[String: Any]])
        #expect(agents.first { $0["agent"] as? String == "Li Wei" }?["open"] as? Int == 1)
        let weeks = try #require((root["feedback"] as? [String: Any])?["weeks"] as? [[String: Any]])
        #expect(weeks.compactMap { $0["solved"] as? Int }.reduce(0, +) == 1)

        let outbox = try kefu(["outbox", "--db", url])
        #expect(outbox.status == 0, "\(outbox.error)")
    }
}
