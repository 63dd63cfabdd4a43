import Foundation
import KefuCore
import Testing

/// Issue 15, item 4 through the real binary: `F` in the console, a rule's speak-first item due
/// in the queue with its marker and on the status bar, `kefu followups`, `kefu report`.
@Suite("Follow-ups end to end", .serialized)
struct FollowUpEndToEndTests {
    static func followUps(_ db: String) throws -> [[String: Any]] {
        let json = try KefuBinary.run(["followups", "--db", db, "--json"]).output
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }

    @Test("F, then “in 3 days”: the queue row and the thread say follow-up; kefu followups lists it; a mistake is named")
    func followUpKey() throws {
        let scratch = try Scratch()
        let db = try FlowEndToEndTests.store(scratch)
        let tmux = try Tmux(command: [KefuBinary.path, "--db", db], cols: 140)
        try tmux.waitFor(text: "Queue · needs reply · 1/6")
        try tmux.press("F")
        try tmux.waitFor(text: "Follow up (in 3 days")
        try tmux.type("someday")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Cannot follow up “someday”")
        #expect(try Self.followUps(db).isEmpty)
        let before = Date()
        try tmux.press("F")
        try tmux.type("in 3 days")
        try tmux.press("Enter")
        let screen = try tmux.waitFor(text: "follow-up on")
        #expect(screen.contains("it comes back to the queue then"))
        try tmux.waitFor(text: "↻ follow-up")
        let listed = try Self.followUps(db)
        #expect(listed.count == 1)
        #expect(listed.first?["status"] as? String == "scheduled")
        let dueText = try #require(listed.first?["due_at"] as? String)
        let due = try #require(RFC3339.parse(dueText))
        #expect(abs(due.timeIntervalSince(before) - 3 * 86_400) < 120)
        // The thread header says when.
        try tmux.press("Enter")
        try tmux.waitFor(text: "↻ Follow-up due")
        // F then done ends it; the marker goes.
        try tmux.press("F")
        try tmux.type("done")
        try tmux.press("Enter")
        try tmux.waitFor(text: "1 follow-up done")
        try tmux.waitFor("the marker gone") { !$0.contains("↻ follow-up") }
        #expect(try Self.followUps(db).first?["status"] as? String == "done")
        try tmux.press("q")
    }

    @Test("A customs hold in the carrier events opens a speak-first item: due in the queue with its marker, counted, in report")
    func dueFollowUpInQueue() throws {
        let scratch = try Scratch()
        let db = try FlowEndToEndTests.store(scratch)
        let orders = scratch.path("orders.csv")
        try """
            Name,Created at,Billing Name,Email,Total,Currency,Lineitem name,Lineitem sku,Lineitem quantity,Tracking Number,Tracking Company,Shipping Street,Shipping Zip,Shipping City,Shipping Country
            #7001,\(RFC3339.format(Date().addingTimeInterval(-4 * 86_400))),Luca Rossi,luca@example.it,20.00,EUR,Cup,CUP1,1,3318810025,DHL,Via Roma 3,00100,Roma,IT
            """.write(toFile: orders, atomically: true, encoding: .utf8)
        let imported = try KefuBinary.run(["import", "orders", "--db", db, orders]).output
        #expect(imported.contains("Follow-up rules: 0 speak-first items opened"))
        let events = scratch.path("events.csv")
        try """
            tracking_number,time,status,text
            3318 8100 25,\(RFC3339.format(Date().addingTimeInterval(-86_400))),customs_hold,Held by customs: duties unpaid
            NOPE!,yesterday,in_transit,
            """.write(toFile: events, atomically: true, encoding: .utf8)
        let result = try KefuBinary.run(["import", "events", "--db", db, events], check: false)
        #expect(result.status == 1)
        #expect(result.output.contains("Imported 1 carrier event"))
        #expect(result.output.contains("1 speak-first item opened"))
        #expect(result.error.contains("events.csv:3: "))
        // Idempotent: the rule fired once for this order.
        #expect(try KefuBinary.run(["followups", "check", "--db", db]).output.contains("0 speak-first items opened, 1 fired before"))
        let listed = try Self.followUps(db)
        #expect(listed.count == 1)
        #expect(listed.first?["rule"] as? String == "customs")
        #expect(listed.first?["status"] as? String == "due")
        let ticket = try #require(listed.first?["ticket"] as? Int)

        let tmux = try Tmux(command: [KefuBinary.path, "--db", db], cols: 140)
        let screen = try tmux.waitFor(text: "1 follow-up due")
        #expect(screen.contains("↻ follow-up due"))
        #expect(screen.contains("F/U"))
        #expect(screen.contains("Luca Rossi"))
        try tmux.press(":")
        try tmux.type("open \(ticket)")
        try tmux.press("Enter")
        let thread = try tmux.waitFor(text: "↻ Follow-up DUE since")
        #expect(thread.contains("Speak first: held at customs"))
        #expect(thread.contains("Ship to: Via Roma 3, 00100 Roma, IT"))
        // The draft is the customs template in Italian, ready in the composer.
        try tmux.press("r")
        try tmux.waitFor(text: "Cordiali saluti,")  // the customs template in Italian, as the draft
        try tmux.press("Escape")
        try tmux.press("q")

        let report = try KefuBinary.run(["report", "--db", db]).output
        #expect(report.contains("FOLLOW-UPS: due 1 · late 0 · done 0 · scheduled 0"))
        #expect(report.contains("PROACTIVE (speak first) per rule: customs 1"))
    }
}
