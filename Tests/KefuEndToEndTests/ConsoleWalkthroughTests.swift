import Foundation
import Testing

/// The path a newcomer walks, through the real binary in a real terminal (tmux).
@Suite("Console end to end", .serialized)
struct ConsoleWalkthroughTests {
    static func needsReply(db: String) throws -> [[String: Any]] {
        let output = try KefuBinary.run(["queue", "--db", db, "--json"]).output
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
    }

    /// The number after `label` on the status bar, e.g. "needs reply 151".
    static func total(_ label: String, in screen: String) -> Int? {
        guard let range = screen.range(of: label + " ", options: .backwards) else { return nil }
        return Int(screen[range.upperBound...].prefix { $0.isNumber })
    }

    @Test("Demo: move, open, pick a template, send, see it leave the queue, resize, quit")
    func walkthrough() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        let tmux = try Tmux(command: ["sh", "-c", "\(Tmux.quote(KefuBinary.path)) demo --db \(Tmux.quote(db)); echo EXIT=$?; sleep 600"],
                            cols: 120)
        let first = try tmux.waitFor("the queue and totals") { $0.contains("Queue · needs reply · 1/") && $0.contains("overdue ") }
        let before = try #require(Self.total("needs reply", in: first))
        #expect(before > 100 && before < 200)
        // The demo has late tickets (the totals say so in words); the queue starts with what can
        // still be saved, so its first row is not one of them.
        #expect(try #require(Self.total("overdue", in: first)) > 0)
        let firstRow = try #require(first.split(separator: "\n").dropFirst().first)
        #expect(!firstRow.hasPrefix("‼"))

        try tmux.press("j", "j")
        try tmux.waitFor(text: "Queue · needs reply · 3/")
        try tmux.press("5", "j")
        try tmux.waitFor(text: "Queue · needs reply · 8/")
        try tmux.press("k", "k", "k", "k", "k")
        try tmux.waitFor(text: "Queue · needs reply · 3/")
        let queueBefore = try Self.needsReply(db: db)
        let selected = queueBefore[2]
        let customer = try #require(selected["customer"] as? String)
        let selectedID = try #require(selected["id"] as? Int)

        try tmux.press("Enter")
        try tmux.waitFor(text: "── Customer · ")
        try tmux.press("r")
        try tmux.waitFor(text: "Reply to \(customer)")
        try tmux.press("C-t")
        try tmux.waitFor(text: "Templates ·")
        try tmux.type("parcel on its way")
        try tmux.waitFor(text: "Preview —")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Inserted “")
        let composed = tmux.screen()
        #expect(composed.contains(customer.split(separator: " ").first.map(String.init) ?? customer))
        try tmux.press("C-s")
        // The reply checks may warn (listed under the reply, each with ⚠) and ask once more;
        // a shipped template filled from a demo ticket must never be blocked.
        let afterSend = try tmux.waitFor("the reply sent, or the send-anyway question") {
            $0.contains("Reply sent to \(customer)") || $0.contains("Send anyway? y/n") || $0.contains("Not sent:")
        }
        #expect(!afterSend.contains("Not sent:"), "a shipped template was blocked:\n\(afterSend)")
        if afterSend.contains("Send anyway? y/n") {
            #expect(afterSend.contains("⚠ line"))
            try tmux.press("y")
        }
        try tmux.waitFor(text: "Reply sent to \(customer)")

        // Stored, and gone from the needs-reply queue.
        let queueAfter = try Self.needsReply(db: db)
        #expect(queueAfter.count == queueBefore.count - 1)
        #expect(!queueAfter.contains { ($0["id"] as? Int) == selectedID })
        // The totals on the status bar follow (once the confirmation has had its few seconds).
        try tmux.waitFor("needs reply \(before - 1)") { Self.total("needs reply", in: $0) == before - 1 }

        // Send and next opened the next ticket in the thread pane; Esc goes back to the queue.
        try tmux.press("Escape")
        // One pane under 100 columns, two again when wide.
        try tmux.resize(cols: 70, rows: 30)
        try tmux.waitFor("one-pane layout") { screen in
            screen.contains("Queue · needs reply") && !screen.contains("│") && screen.split(separator: "\n").allSatisfy { $0.count <= 70 }
        }
        try tmux.press("Enter")
        try tmux.waitFor("the thread pushed over the queue") { $0.contains("Thread ·") && !$0.contains("Queue · needs reply") }
        try tmux.press("Escape")
        try tmux.waitFor(text: "Queue · needs reply")
        try tmux.resize(cols: 120, rows: 40)
        try tmux.waitFor("two panes again") { $0.contains("Queue · needs reply") && $0.contains("│") && $0.contains("Thread ·") }

        // Help lists the bindings of the queue.
        try tmux.press("?")
        try tmux.waitFor(text: "Keys — Queue")
        try tmux.press("Escape")
        try tmux.waitFor("help closed") { !$0.contains("Keys — Queue") }

        try tmux.press("q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test("Ctrl-C quits from inside the composer and the terminal is restored")
    func ctrlC() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        let tmux = try Tmux(command: ["sh", "-c", "\(Tmux.quote(KefuBinary.path)) demo --db \(Tmux.quote(db)) --tickets 20; echo EXIT=$?; sleep 600"],
                            rows: 24, cols: 80)
        try tmux.waitFor(text: "Queue · needs reply")
        try tmux.press("r")
        try tmux.waitFor(text: "Reply to")
        try tmux.type("unfinished")
        try tmux.press("C-c")
        let screen = try tmux.waitFor(text: "EXIT=0")
        // Back on the shell: the console's screen is gone.
        #expect(!screen.contains("Queue · needs reply"))
    }
}
