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
        #expect(tickets.map { $0["customer"] as? String } == ["佐藤 花子", "Anna Müller"])

        // Li Wei answers Anna in her console; Zhang Min's console, on "another machine", sees it.
        let liWei = try Tmux(command: [KefuBinary.path, "--db", url])
        let zhangMin = try Tmux(command: [KefuBinary.path, "--db", url], environment: ["KEFU_AGENT": "Zhang Min"])
        try liWei.waitFor(text: "Anna Mü")
        try zhangMin.waitFor(text: "needs reply 2 ")
        try liWei.press("j", "r")
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
        #expect(outbox.status == 1)
        #expect(outbox.error.contains("kefu outbox does not work on a PostgreSQL store yet"))

        // KEFU_DB names the store when --db does not.
        try KefuBinary.run(["ingest", "-"], input: StoreSharingTests.line(
            id: "e1", conversation: "c1", minutesAgo: 5, from: "Zoé <zoe@example.fr>", subject: "Colis", body: "Bonjour"),
            environment: ["KEFU_DB": url])
        let queue = try KefuBinary.run(["queue"], environment: ["KEFU_DB": url])
        #expect(queue.output.contains("Zoé"))
    }
}
