import Foundation
import Testing

/// The scriptable commands, run as users' scripts run them.
@Suite("Command line")
struct CommandLineTests {
    @Test("ingest: bad lines reported by number and quarantined, good lines in, twice adds nothing")
    func ingest() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let file = scratch.path("in.jsonl")
        let text = """
            {"id":"m1","conversation":"amz-1","channel":"marketplace","marketplace":"amazon","direction":"in","from":"Anna Müller <anna@example.de>","to":"shop@example.com","at":"2026-11-23T08:15:00Z","subject":"Wo ist mein Paket?","body":"Hallo","order":"114-1234567-1234567","language":"de"}
            {"id":"m2","conversation":"amz-1","channel":"marketplace","marketplace":"amazon","direction":"out","from":"Shop <shop@example.com>","to":"Anna Müller <anna@example.de>","at":"2026-11-23T09:00:00Z","subject":"Re: Wo ist mein Paket?","body":"Unterwegs."}
            this is not json
            {"id":"m3","conversation":"chat-9","channel":"pigeon","direction":"in","from":"x","at":"2026-11-23T08:15:00Z"}

            {"id":"m4","conversation":"chat-9","channel":"chat","marketplace":"shopify","direction":"in","from":"佐藤 花子 <hanako@example.jp>","to":"shop","at":"2026-11-23T10:00:00Z","subject":"","body":"こんにちは"}
            """
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let first = try KefuBinary.run(["ingest", "--db", db, file], check: false)
        #expect(first.status == 1)
        #expect(first.error.contains("in.jsonl:3: not valid JSON"))
        #expect(first.error.contains("in.jsonl:4: field 'channel'"))
        #expect(first.output.contains("Ingested 3 messages (2 new conversations), 0 already stored, 2 invalid lines."))
        let second = try KefuBinary.run(["ingest", "--db", db, file], check: false)
        #expect(second.output.contains("Ingested 0 messages (0 new conversations), 3 already stored"))

        let json = try KefuBinary.run(["queue", "--db", db, "--json", "--view", "all-open"]).output
        let queue = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(queue.count == 2)
        // The live chat (5 minutes) is due long before Amazon's answered thread, which has no deadline.
        #expect(queue[0]["conversation"] as? String == "chat-9")
        #expect(queue[0]["customer"] as? String == "佐藤 花子")
        #expect(queue[0]["last_from"] as? String == "customer")
        #expect(queue[0]["due"] as? String == "2026-11-23T10:05:00Z")
        #expect(queue[1]["due"] is NSNull)
        #expect(queue[1]["last_from"] as? String == "agent")
        for key in ["id", "conversation", "customer", "channel", "marketplace", "status", "last_from", "due"] {
            #expect(queue[0][key] != nil, "missing \(key)")
        }
    }

    @Test("show prints the thread with its order; errors say what was wrong")
    func showAndErrors() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        try KefuBinary.run(["demo", "--db", db, "--tickets", "5", "--no-console"])
        let shown = try KefuBinary.run(["show", "--db", db, "1"]).output
        #expect(shown.hasPrefix("#1 "))
        #expect(shown.contains("Order "))
        #expect(shown.contains("── Customer · "))
        let missing = try KefuBinary.run(["show", "--db", db, "999"], check: false)
        #expect(missing.status != 0)
        #expect(missing.error.contains("no ticket #999"))
        let noFile = try KefuBinary.run(["ingest", "--db", db, scratch.path("nope.jsonl")], check: false)
        #expect(noFile.status != 0)
        #expect(noFile.error.contains("nope.jsonl"))
        // kefu demo never replaces a store it did not make.
        let real = scratch.path("real.sqlite")
        try KefuBinary.run(["ingest", "--db", real, "-"], input: #"{"id":"x","conversation":"c","channel":"email","direction":"in","from":"a@b.c","at":"2026-11-23T08:15:00Z"}"#)
        let refused = try KefuBinary.run(["demo", "--db", real, "--no-console"], check: false)
        #expect(refused.status != 0)
        #expect(refused.error.contains("will not be replaced"))
    }

    @Test("The console refuses to start without a terminal, with a hint")
    func noTerminal() throws {
        let scratch = try Scratch()
        let result = try KefuBinary.run(["--db", scratch.path("k.sqlite")], check: false)
        #expect(result.status != 0)
        #expect(result.error.contains("needs a terminal"))
    }
}
