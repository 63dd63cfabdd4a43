import Foundation
import KefuCore
import Testing

/// Issue 18's peak-hour flow through the real binary: the triage order with its band line,
/// `:sort`, `n` and send-and-next, `p`, `#` and `:open`, `z` snoozes that survive a restart,
/// `kefu next`, and the layout at 80 columns.
@Suite("Peak-hour flow end to end", .serialized)
struct FlowEndToEndTests {
    /// Three Amazon messages a day and more old (late), two chats a minute old (due in about 4
    /// minutes), one fresh Amazon message: relative to now, so the bands are known.
    static func lines(now: Date = Date()) -> String {
        func at(_ minutesAgo: Double) -> String { RFC3339.format(now.addingTimeInterval(-minutesAgo * 60)) }
        var lines: [String] = []
        for (index, (name, minutesAgo)) in [("Olivia Brown", 30 * 60.0), ("Noah Williams", 29 * 60.0), ("Дмитрий Иванов", 26 * 60.0)].enumerated() {
            lines.append(#"{"id":"a\#(index)","conversation":"amz-\#(index)","channel":"marketplace","marketplace":"amazon","direction":"in","from":"\#(name) <a\#(index)@example.com>","to":"shop@example.com","at":"\#(at(minutesAgo))","subject":"Wrong item received","body":"I got the wrong item.","language":"en"}"#)
        }
        for (index, (name, minutesAgo)) in [("佐藤 花子", 1.0), ("Lucía Fernández 🌻", 0.5)].enumerated() {
            lines.append(#"{"id":"c\#(index)","conversation":"chat-\#(index)","channel":"chat","marketplace":"shopify","direction":"in","from":"\#(name) <c\#(index)@example.com>","to":"shop@example.com","at":"\#(at(minutesAgo))","subject":"Size question","body":"Hello, which size should I take?","language":"en"}"#)
        }
        lines.append(#"{"id":"f0","conversation":"amz-fresh","channel":"marketplace","marketplace":"amazon","direction":"in","from":"Emily Carter <e@example.com>","to":"shop@example.com","at":"\#(at(10))","subject":"Where is my parcel?","body":"Hello, where is my parcel?","language":"en"}"#)
        return lines.joined(separator: "\n")
    }

    static func store(_ scratch: Scratch) throws -> String {
        let db = scratch.path("flow.sqlite")
        try KefuBinary.run(["ingest", "--db", db, "-"], input: lines())
        return db
    }

    static func queue(_ db: String) throws -> [[String: Any]] {
        let json = try KefuBinary.run(["queue", "--db", db, "--json"]).output
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }

    @Test("Savable first with the band line; :sort switches to deadline order and back; rows name their clock")
    func triageOrder() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        let tmux = try Tmux(command: [KefuBinary.path, "--db", db], cols: 120)
        let screen = try tmux.waitFor(text: "▲ 3 can still be saved · ▼ 3 already late, longest first")
        let rows = screen.split(separator: "\n").map(String.init)
        // The two chats first (nearest first), then Amazon's fresh one, the band line, the late ones oldest first.
        #expect(rows[1].contains("chat") && rows[1].contains("佐藤 花子"))
        #expect(rows[2].contains("chat") && rows[2].contains("Lucía Fernández"))
        #expect(rows[3].contains("AMZ") && rows[3].contains("Emily Carter"))
        #expect(rows[4].contains("can still be saved"))
        #expect(rows[5].hasPrefix("‼") && rows[5].contains("Olivia Brown"))
        #expect(rows[7].hasPrefix("‼") && rows[7].contains("Дмитрий Иванов"))
        // kefu queue prints the same order.
        #expect(try Self.queue(db).compactMap { $0["customer"] as? String }
            == ["佐藤 花子", "Lucía Fernández 🌻", "Emily Carter", "Olivia Brown", "Noah Williams", "Дмитрий Иванов"])

        try tmux.press(":")
        try tmux.type("sort")
        try tmux.press("Enter")
        let plain = try tmux.waitFor(text: "Queue · needs reply · by deadline")
        #expect(!plain.contains("can still be saved"))
        #expect(plain.split(separator: "\n")[1].contains("Olivia Brown"))
        try tmux.press(":")
        try tmux.type("sort")
        try tmux.press("Enter")
        try tmux.waitFor(text: "▲ 3 can still be saved")
        try tmux.press("q")
    }

    @Test("n opens the most urgent ticket, send and next moves on, p goes back, # and :open jump")
    func nextAndBack() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        let tmux = try Tmux(command: [KefuBinary.path, "--db", db], cols: 200)
        try tmux.waitFor(text: "▲ 3 can still be saved")
        let ids = try Self.queue(db).compactMap { $0["id"] as? Int }
        // From the queue, n opens the top of the triage order in the thread.
        try tmux.press("n")
        try tmux.waitFor(text: "Next: #\(ids[0]) 佐藤 花子")
        try tmux.waitFor("the thread focused") { $0.contains("Thread · 1 messages") || $0.contains("Thread · 1 message") }
        // From the thread, n opens the one after it.
        try tmux.press("n")
        try tmux.waitFor(text: "Next: #\(ids[1]) Lucía Fernández 🌻")
        // Answer it: send and next opens the following ticket and says both.
        try tmux.press("r")
        try tmux.waitFor(text: "Reply to Lucía Fernández 🌻")
        try tmux.type("Hello Lucía, thank you for your message. Size M fits most customers; size L is a little looser.")
        try tmux.press("C-s")
        let asked = try tmux.waitFor("sent or a question") { $0.contains("Reply sent to ") || $0.contains("Send anyway? y/n") }
        if !asked.contains("Reply sent to ") { try tmux.press("y") }
        try tmux.waitFor("the flash naming the reply and the next ticket") {
            $0.contains("Reply sent to Lucía Fernández 🌻") && $0.contains("— now #\(ids[0]) 佐藤 花子")
        }
        // p goes back to the ticket just answered: its reply is in the thread.
        try tmux.press("p")
        try tmux.waitFor(text: "── Agent · Li Wei · ")
        // # jumps by number, :open too; an unknown number is named.
        try tmux.press("#")
        try tmux.waitFor(text: "Open ticket #")
        try tmux.type("\(ids[5])")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Дмитрий Иванов <a2@example.com>")
        try tmux.press(":")
        try tmux.type("open \(ids[3])")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Olivia Brown <a0@example.com>")
        try tmux.press(":")
        try tmux.type("open 999")
        try tmux.press("Enter")
        try tmux.waitFor(text: "No ticket #999")
        try tmux.press("q")
    }

    @Test("z snoozes until a typed time: the ticket leaves the queue, stays out after a restart; a mistake is named")
    func snooze() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        var tmux = try Tmux(command: [KefuBinary.path, "--db", db], cols: 120)
        try tmux.waitFor(text: "Queue · needs reply · 1/6")
        let top = try #require(try Self.queue(db).first?["id"] as? Int)
        try tmux.press("z")
        try tmux.waitFor(text: "Snooze until")
        try tmux.type("25:99")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Cannot snooze until “25:99”")
        try tmux.press("z")
        try tmux.type("2h")
        try tmux.press("Enter")
        try tmux.waitFor(text: "#\(top) 佐藤 花子 snoozed until")
        try tmux.waitFor(text: "Queue · needs reply · 1/5")
        let json = try Self.queue(db)
        #expect(!json.contains { $0["id"] as? Int == top })
        try tmux.press("q")
        // Kept in the store: a new console still leaves it out.
        tmux = try Tmux(command: [KefuBinary.path, "--db", db], cols: 120)
        let restarted = try tmux.waitFor(text: "Queue · needs reply · 1/5")
        #expect(!restarted.contains("佐藤 花子"))
        // :open still reaches it, and z with nothing typed wakes it.
        try tmux.press(":")
        try tmux.type("open \(top)")
        try tmux.press("Enter")
        try tmux.waitFor(text: "佐藤 花子 <c0@example.com>")
        try tmux.press("z")
        try tmux.waitFor(text: "Enter with nothing typed wakes it now")
        try tmux.press("Enter")
        try tmux.waitFor(text: "#\(top) 佐藤 花子 is back in the queue")
        try tmux.waitFor("six tickets again") { $0.contains("Queue · needs reply · ") && $0.contains("/6 ") }
        try tmux.press("q")
    }

    @Test("kefu next claims the ticket n would open: two agents get two tickets, --after lets go, --peek only looks")
    func nextCommand() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        let ids = try Self.queue(db).compactMap { $0["id"] as? Int }
        let li = ["KEFU_AGENT": "Li Wei"]
        #expect(try KefuBinary.run(["next", "--db", db], environment: li).output == "\(ids[0])\n")
        // Asking again gives the ticket Li Wei holds (capacity 1), and says so.
        let again = try KefuBinary.run(["next", "--db", db], environment: li)
        #expect(again.output == "\(ids[0])\n")
        #expect(again.error.contains("Li Wei already holds #\(ids[0])"))
        // Zhang Min, on another shell, gets the next one, as JSON.
        let json = try KefuBinary.run(["next", "--db", db, "--json", "--as", "Zhang Min"]).output
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["id"] as? Int == ids[1])
        #expect(object["clock"] as? String == "chat")
        // --after lets Li Wei's ticket go and claims the next free one (not Zhang Min's).
        #expect(try KefuBinary.run(["next", "--db", db, "--after", "\(ids[0])"], environment: li).output == "\(ids[2])\n")
        // --peek shows what n would give Bo Chen without taking it: the ticket Li Wei let go.
        #expect(try KefuBinary.run(["next", "--db", db, "--peek", "--as", "Bo Chen"]).output == "\(ids[0])\n")
        #expect(try KefuBinary.run(["next", "--db", db, "--peek", "--as", "Anna"]).output == "\(ids[0])\n")
        // Owned tickets are their owner's: everything given to Bo Chen leaves nothing for Li Wei.
        try KefuBinary.run(["assign", "--db", db, "--to", "Bo Chen"] + ids.map(String.init))
        #expect(try KefuBinary.run(["next", "--db", db, "--as", "Bo Chen"]).output == "\(ids[0])\n")
        let none = try KefuBinary.run(["next", "--db", db, "--after", "\(ids[2])"], environment: li, check: false)
        #expect(none.status == 1)
        #expect(none.error.contains("nothing to answer for Li Wei"))
    }

    @Test("80x24 is one pane with full-width rows; the totals stay; Enter pushes the thread, Esc pops it")
    func eightyColumns() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        let tmux = try Tmux(command: [KefuBinary.path, "--db", db], rows: 24, cols: 80)
        let screen = try tmux.waitFor(text: "▲ 3 can still be saved")
        #expect(!screen.contains("│"))
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(rows.count >= 24)
        // Customer and subject are wide enough to read, on every row at the same column.
        #expect(rows[1].contains("佐藤 花子") && rows[1].contains("Size question"))
        let starts = [(1, "佐藤"), (2, "Lucía"), (3, "Emily"), (5, "Olivia"), (7, "Дмитрий")].map { row, name in
            DisplayWidth.of(rows[row].components(separatedBy: name)[0])
        }
        #expect(Set(starts).count == 1, "\(starts)")
        #expect(rows[22].contains("6 reply") && rows[22].contains("3 late"))
        try tmux.press("Enter")
        try tmux.waitFor("the thread over the queue") { $0.contains("Thread ·") && !$0.contains("Queue · needs reply") }
        try tmux.press("Escape")
        try tmux.waitFor(text: "Queue · needs reply")
        try tmux.press("q")
    }

    @Test("NO_COLOR: the same marks and words, no colour")
    func noColor() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        let coloured = try Tmux(command: [KefuBinary.path, "--db", db], cols: 120)
        try coloured.waitFor(text: "▲ 3 can still be saved")
        let plain = try Tmux(command: [KefuBinary.path, "--db", db], cols: 120, environment: ["NO_COLOR": "1"])
        try plain.waitFor(text: "▲ 3 can still be saved")
        let colourCode = try Regex(#"\x1B\[[0-9;]*(3[0-7]|38;5;[0-9]+)m"#)
        #expect(coloured.screenWithAttributes().contains(colourCode))
        #expect(!plain.screenWithAttributes().contains(colourCode))
        #expect(plain.screen().contains("‼") && plain.screen().contains("!"))
        try coloured.press("q")
        try plain.press("q")
    }
}
