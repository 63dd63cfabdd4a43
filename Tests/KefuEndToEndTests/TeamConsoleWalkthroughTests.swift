import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport

/// A lead's and an agent's path through the real binary in tmux: take a ticket, see only mine,
/// solve it with two keystrokes, open the dashboard and watch it follow another process's change.
@Suite("Team console end to end", .serialized)
struct TeamConsoleWalkthroughTests {
    @Test("a takes a ticket, m shows mine, S + two keys solves it, D shows the dashboard live, Enter drills down")
    func walkthrough() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        let tmux = try Tmux(command: ["sh", "-c", "\(Tmux.quote(KefuBinary.path)) demo --db \(Tmux.quote(db)) --tickets 40; echo EXIT=$?; sleep 600"])
        try tmux.waitFor(text: "Queue · needs reply · 1/")
        let first = try #require(try ConsoleWalkthroughTests.needsReply(db: db).first?["id"] as? Int)

        // a: the selected ticket is mine (KEFU_AGENT is "Li Wei" in these tests), and says so.
        try tmux.press("a")
        try tmux.waitFor(text: "#\(first) now belongs to you")
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.assignee(ticketID: Int64(first)) == "Li Wei")
        #expect(try store.assignments(ticketID: Int64(first)).first?.assignedBy == "Li Wei")

        // m: only mine.
        try tmux.press("m")
        let mine = try tmux.waitFor(text: "Queue · needs reply · mine · 1/1")
        #expect(mine.contains(" LW "))

        // S, l (late / lost parcel), c (carrier): solved, reship preset.
        try tmux.press("S")
        try tmux.waitFor(text: "Solve anyway? y/n, or N: needs no reply")
        try tmux.press("y")
        try tmux.waitFor(text: "Solve #\(first)")
        try tmux.press("l")
        try tmux.waitFor(text: "reship (preset for this problem)")
        try tmux.press("c")
        try tmux.waitFor(text: "Solved #\(first) · late / lost parcel · carrier · reship")
        let outcome = try #require(try store.outcome(ticketID: Int64(first)))
        #expect(outcome.choice == OutcomeChoice(problem: .lateOrLostParcel, responsible: .carrier, resolution: .reship))
        #expect(outcome.recordedBy == "Li Wei")
        #expect(try store.ticket(id: Int64(first))?.status == .solved)
        try tmux.waitFor(text: "Queue · needs reply · mine · 0/0")

        // Back to everyone's tickets, then the dashboard.
        try tmux.press("m", "m")
        try tmux.waitFor(text: "Queue · needs reply · 1/")
        try tmux.press("D")
        let board = try tmux.waitFor("the dashboard") { $0.contains("Dashboard · live") && $0.contains("whole queue") && $0.contains("Amazon late-response rate") }
        #expect(board.contains("met today ≥95%"))
        #expect(board.contains("overdue") && board.contains("Last 24 h per hour"))

        // Another process gives two tickets to Bo Chen: the live dashboard shows him within seconds.
        let queue = try ConsoleWalkthroughTests.needsReply(db: db)
        let ids = queue.prefix(2).compactMap { $0["id"] as? Int }.map(String.init)
        try KefuBinary.run(["assign", "--db", db, "--to", "Bo Chen", "--by", "Lead Zhang"] + ids)
        let live = try tmux.waitFor("Bo Chen on the dashboard") { $0.contains(" Bo Chen ") }
        let row = try #require(live.split(separator: "\n").first { $0.contains(" Bo Chen ") })
        #expect(row.split(separator: " ").dropFirst(2).first == "2", "Bo Chen owns two open tickets: \(row)")

        // Sort by name (> from "overdue" goes to "<1h", then wraps to name): "(unassigned)", then
        // "Bo Chen"; j, Enter drills down to his tickets.
        try tmux.press(">", ">")
        try tmux.waitFor(text: "sorted by name")
        try tmux.press("j", "Enter")
        try tmux.waitFor(text: "Queue · all open · Bo Chen's · 1/2")
        try tmux.press("q")
        try tmux.waitFor(text: "EXIT=0")
    }
}
