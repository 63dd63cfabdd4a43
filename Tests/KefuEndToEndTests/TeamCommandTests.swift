import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport

/// `kefu report`, `kefu outcome` and `kefu assign` on the hand-built team day, run as a user's
/// script runs them.
@Suite("Team commands: report, outcome, assign")
struct TeamCommandTests {
    let scratch: Scratch
    let db: String
    let tickets: TeamDay.Tickets
    let hostile: Int64

    init() throws {
        scratch = try Scratch()
        db = scratch.path("team.sqlite")
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        tickets = try TeamDay.build(store)
        _ = try store.ingest([Fixture.message("h1", conversation: "evil", at: TeamDay.now.addingTimeInterval(-7200).timeIntervalSince(Fixture.base) / 60,
                                              marketplace: .walmart, order: "=HYPERLINK(\"x\",\"y\"),1")])
        hostile = try #require(try store.queue(QueueQuery(view: .allOpen, now: TeamDay.now), after: nil, limit: 100).first { $0.conversation == "evil" }?.id)
        let solvedAt = TeamDay.now.addingTimeInterval(-3600)
        _ = try store.solve(ticketID: tickets.t2, outcome: OutcomeChoice(problem: .wrongItem, responsible: .warehouse), by: "Li Wei", now: solvedAt)
        _ = try store.solve(ticketID: tickets.t5, outcome: OutcomeChoice(problem: .damagedParcel, responsible: .carrier), by: "Anna", now: solvedAt)
        _ = try store.solve(ticketID: hostile, outcome: OutcomeChoice(problem: .wrongItem, responsible: .carrier), by: "Anna", now: solvedAt)
        // Solved in the week before (ISO week 46: 9-15 November).
        _ = try store.solve(ticketID: tickets.t6, outcome: OutcomeChoice(problem: .missingItem, responsible: .warehouse), by: "Anna",
                            now: TeamDay.now.addingTimeInterval(-5 * 86_400))
    }

    func report(_ format: String, _ extra: [String] = []) throws -> String {
        try KefuBinary.run(["report", "--db", db, "--format", format, "--now", "2026-11-18T16:00:00Z", "--time-zone", "UTC",
                            "--since", "2026-11-01"] + extra).output
    }

    @Test("JSON: stable keys, the day's figures, the feedback by ISO week with its orders")
    func json() throws {
        let text = try report("json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["as_of", "time_zone", "windows", "agents", "whole_queue", "channels", "time_to_deadline", "traffic", "feedback", "follow_ups", "repeat_purchase"])
        #expect(root["as_of"] as? String == "2026-11-18T16:00:00Z")
        let agents = try #require(root["agents"] as? [[String: Any]])
        let li = try #require(agents.first { $0["agent"] as? String == "Li Wei" })
        #expect(li["replied_today"] as? Int == 5)
        #expect(li["first_reply_p50_seconds"] as? Int == 1200)
        #expect(li["first_reply_p90_seconds"] as? Int == 1800)
        #expect(li["reply_p50_seconds"] as? Int == 1800)
        #expect(li["reply_p90_seconds"] as? Int == 90_000)
        // The last 7 days beside today: four 1000 s answers of three days ago join today's five.
        #expect(li["reply_7d_p50_seconds"] as? Int == 1000 && li["reply_7d_p90_seconds"] as? Int == 90_000 && li["reply_7d_answers"] as? Int == 9)
        #expect(li["first_reply_7d_p50_seconds"] as? Int == 1200)
        // T2 was solved without a reply: its running Amazon clock counts as breached.
        #expect(li["met_today_met"] as? Int == 5 && li["met_today_settled"] as? Int == 7)
        #expect(li["met_7d_met"] as? Int == 9 && li["met_7d_settled"] as? Int == 11)
        #expect(li["met_7d_share"] as? Double == 0.8182)
        #expect(li["open"] as? Int == 1)
        // Nobody-owned T5 and the Walmart ticket were solved without a reply: breached, for nobody.
        let nobody = try #require(agents.first { $0["agent"] is NSNull })
        #expect(nobody["open"] as? Int == 0 && nobody["replied_today"] as? Int == 0)
        #expect(nobody["met_today_met"] as? Int == 0 && nobody["met_today_settled"] as? Int == 2)
        let anna = try #require(agents.first { $0["agent"] as? String == "Anna" })
        #expect(anna["reply_p50_seconds"] as? Int == 900)
        let channels = try #require(root["channels"] as? [[String: Any]])
        let amazon = try #require(channels.first { $0["name"] as? String == "Amazon" })
        // TeamDay's 3 of 12, and T2 closed without a reply.
        #expect(amazon["late_response_7d_late"] as? Int == 4)
        #expect(amazon["late_response_7d_messages"] as? Int == 13)
        #expect(amazon["late_response_7d_rate"] as? Double == 0.3077)
        #expect(amazon["late_response_30d_late"] as? Int == 6 && amazon["late_response_30d_messages"] as? Int == 15)
        #expect(amazon["late_response_90d_late"] as? Int == 6 && amazon["late_response_90d_messages"] as? Int == 16)
        #expect(channels.first { $0["name"] as? String == "eBay" }?["late_response_7d_rate"] == nil)
        let team = try #require(root["whole_queue"] as? [String: Any])
        #expect(team["replied_today"] as? Int == 8)
        #expect(team["reply_p90_seconds"] as? Int == 90_000)

        let feedback = try #require(root["feedback"] as? [String: Any])
        #expect(feedback["since"] as? String == "2026-11-01T00:00:00Z")
        let weeks = try #require(feedback["weeks"] as? [[String: Any]])
        #expect(weeks.map { $0["week"] as? String } == ["2026-W46", "2026-W47"])
        #expect(weeks[1]["solved"] as? Int == 5)  // T2, T5, the Walmart ticket, and TeamDay's T7 and T8
        let problems = try #require(weeks[1]["by_problem"] as? [[String: Any]])
        #expect(problems.map { $0["problem"] as? String } == ["wrong-item", "damaged-parcel", "other"])
        #expect(problems[0]["count"] as? Int == 2)
        #expect(problems[0]["orders"] as? [String] == ["302-0000002", "=HYPERLINK(\"x\",\"y\"),1"])
        let parties = try #require(weeks[1]["by_responsible"] as? [[String: Any]])
        #expect(parties.map { $0["responsible"] as? String } == ["warehouse", "carrier", "customer"])
        #expect(parties[1]["orders"] as? [String] == ["=HYPERLINK(\"x\",\"y\"),1", "ebay-5"])
        // Stable: the same store gives byte-identical JSON.
        #expect(try report("json") == text)
    }

    @Test("CSV: RFC 4180, every field quoted, formula-looking text defused, one figure per line")
    func csv() throws {
        let text = try report("csv")
        #expect(text.hasSuffix("\r\n"))
        let rows = try Self.parseCSV(text)
        #expect(rows.first == ["section", "subject", "figure", "value", "orders"])
        #expect(rows.allSatisfy { $0.count == 5 })
        #expect(text.split(separator: "\r\n").allSatisfy { $0.hasPrefix("\"") && $0.hasSuffix("\"") })
        #expect(rows.contains(["agent", "Anna", "reply_p50_seconds", "900", ""]))
        #expect(rows.contains(["agent", "Anna", "reply_7d_p50_seconds", "600", ""]))
        #expect(rows.contains(["agent", "Li Wei", "met_today_share", "0.7143", ""]))
        #expect(rows.contains(["whole_queue", "whole queue", "replied_today", "8", ""]))
        #expect(rows.contains(["channel", "Amazon", "late_response_30d_rate", "0.4", ""]))
        #expect(rows.contains(["feedback_problem", "2026-W47", "wrong-item", "2", "302-0000002 =HYPERLINK(\"x\",\"y\"),1"]))
        // A field that starts like a formula is defused for spreadsheets.
        #expect(rows.contains(["feedback_responsible", "2026-W47", "carrier", "2", "'=HYPERLINK(\"x\",\"y\"),1 ebay-5"]))
        #expect(rows.contains(["feedback_responsible", "2026-W46", "warehouse", "1", "#\(tickets.t6)"]))
        #expect(rows.filter { $0[0] == "traffic" }.count == 48)
    }

    @Test("Table: the figures for reading, feedback under each week")
    func table() throws {
        let text = try report("table")
        let lines = text.split(separator: "\n").map(String.init)
        let li = try #require(lines.first { $0.hasPrefix("Li Wei") })
        #expect(li.split(separator: " ").joined(separator: " ") == "Li Wei 1 5 20m00s 30m00s 30m00s 1d01h 20m00s 30m00s 16m40s 1d01h 71.4% (5/7) 81.8% (9/11) 0 0")
        #expect(lines.contains { $0.hasPrefix("Amazon late-response rate") && $0.contains("7d 30.8% (4/13) · 30d 40.0% (6/15) · 90d 37.5% (6/16)") })
        #expect(lines.contains("2026-W47 · 5 solved"))
        #expect(lines.contains { $0.hasPrefix("  wrong-item") && $0.contains("302-0000002, =HYPERLINK") })
        #expect(lines.contains { $0.hasPrefix("  carrier") && $0.contains(" 2 ") })
    }

    @Test("Bad dates, formats and zones are refused with the option named")
    func badInput() throws {
        let since = try KefuBinary.run(["report", "--db", db, "--since", "2026-13-01"], check: false)
        #expect(since.status != 0)
        #expect(since.error.contains("--since 2026-13-01 is not a date"))
        let zone = try KefuBinary.run(["report", "--db", db, "--time-zone", "Mars/Olympus"], check: false)
        #expect(zone.error.contains("--time-zone Mars/Olympus is not a known time zone"))
        let order = try KefuBinary.run(["report", "--db", db, "--since", "2026-11-10", "--until", "2026-11-01"], check: false)
        #expect(order.error.contains("--since must come before --until"))
        let format = try KefuBinary.run(["report", "--db", db, "--format", "xml"], check: false)
        #expect(format.status != 0)
    }

    @Test("kefu outcome set changes an outcome with history; kefu assign moves tickets; mistakes are named")
    func outcomeAndAssign() throws {
        let set = try KefuBinary.run(["outcome", "set", "--db", db, "\(tickets.t2)", "--problem", "missing-item", "--responsible", "seller",
                                      "--resolution", "partial-refund", "--by", "Lead Zhang"])
        #expect(set.output.contains("#\(tickets.t2): missing item · seller · partial refund (recorded by Lead Zhang)"))
        let shown = try KefuBinary.run(["outcome", "show", "--db", db, "\(tickets.t2)"]).output
        #expect(shown.contains("missing item · seller · partial refund"))
        #expect(shown.contains("Li Wei: wrong item · warehouse · reship"))
        #expect(shown.contains("Lead Zhang: missing item · seller · partial refund"))
        let bad = try KefuBinary.run(["outcome", "set", "--db", db, "\(tickets.t2)", "--problem", "broken", "--responsible", "seller"], check: false)
        #expect(bad.status != 0)
        #expect(bad.error.contains("--problem broken is not one of: product-question, wrong-item"))
        let missing = try KefuBinary.run(["outcome", "set", "--db", db, "999", "--problem", "other", "--responsible", "seller"], check: false)
        #expect(missing.error.contains("no ticket #999"))

        let moved = try KefuBinary.run(["assign", "--db", db, "\(tickets.t1)", "\(tickets.t3)", "--to", "Bo Chen", "--by", "Lead Zhang"]).output
        #expect(moved.contains("2 of 2 tickets now belong to Bo Chen"))
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.assignments(ticketID: tickets.t3).last?.assignedBy == "Lead Zhang")
        let queue = try #require(try JSONSerialization.jsonObject(with: Data(try KefuBinary.run(["queue", "--db", db, "--json", "--view", "all-open"]).output.utf8)) as? [[String: Any]])
        #expect(queue.first { $0["id"] as? Int == Int(tickets.t3) }?["assignee"] as? String == "Bo Chen")
        let none = try KefuBinary.run(["assign", "--db", db, "\(tickets.t1)", "999", "--nobody"], check: false)
        #expect(none.error.contains("no ticket #999"))
        #expect(try store.assignee(ticketID: tickets.t1) == "Bo Chen")  // nothing moved
        let both = try KefuBinary.run(["assign", "--db", db, "\(tickets.t1)"], check: false)
        #expect(both.error.contains("give exactly one of --to NAME or --nobody"))
    }

    /// A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var inQuotes = false, wasQuoted = false
        var chars = Array(text.unicodeScalars).makeIterator()
        var lookahead: Unicode.Scalar?
        func next() -> Unicode.Scalar? { if let l = lookahead { lookahead = nil; return l }; return chars.next() }
        struct Malformed: Error {}
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    let n = next()
                    if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; lookahead = n }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                guard field.isEmpty, !wasQuoted else { throw Malformed() }
                inQuotes = true; wasQuoted = true
            } else if c == "," {
                row.append(field); field = ""; wasQuoted = false
            } else if c == "\r" {
                guard next() == "\n" else { throw Malformed() }
                row.append(field); rows.append(row); row = []; field = ""; wasQuoted = false
            } else {
                throw Malformed()  // every field is quoted: nothing may stand outside quotes
            }
        }
        guard !inQuotes, row.isEmpty, field.isEmpty else { throw Malformed() }
        return rows
    }
}
