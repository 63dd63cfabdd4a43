import Foundation
import Testing

/// Deadlines from the SLA engine and tracking numbers, through the real binary.
@Suite("SLA and tracking commands")
struct SLAAndTrackingCommandTests {
    static let amazonMessage = #"{"id":"m1","conversation":"amz-1","channel":"marketplace","marketplace":"amazon","direction":"in","from":"Anna Müller <anna@example.de>","to":"shop@example.com","at":"2026-11-20T02:00:00Z","subject":"Wo ist mein Paket?","body":"Hallo"}"#

    @Test("An Amazon message runs the marketplace's 24 calendar hours and the team's 4 business hours")
    func twoClocks() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        // Friday 2026-11-20 02:00 UTC is 10:00 in Shanghai: four business hours (lunch 12:00-13:30
        // excluded) end at 15:30 Shanghai, 07:30 UTC; Amazon's 24 hours end Saturday 02:00 UTC.
        try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.amazonMessage, environment: ["KEFU_CONFIG": ""])
        let json = try KefuBinary.run(["queue", "--db", db, "--json"]).output
        let queue = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let deadlines = try #require(queue.first?["deadlines"] as? [[String: Any]])
        let byPolicy = Dictionary(uniqueKeysWithValues: deadlines.map { ($0["policy"] as! String, $0) })
        #expect(byPolicy["amazon-messages"]?["due"] as? String == "2026-11-21T02:00:00Z")
        #expect(byPolicy["amazon-messages"]?["business"] as? Bool == false)
        #expect(byPolicy["team-first-answer"]?["due"] as? String == "2026-11-20T07:30:00Z")
        #expect(byPolicy["team-first-answer"]?["business"] as? Bool == true)
        #expect(byPolicy["team-first-answer"]?["kind"] as? String == "first_reply")
        #expect(queue.first?["due"] as? String == "2026-11-20T07:30:00Z")  // the nearest

        let explained = try KefuBinary.run(["sla", "explain", "--db", db, "1"]).output
        #expect(explained.contains("amazon-messages"))
        #expect(explained.contains("team-first-answer"))
    }

    @Test("A policy edit in the config applies to open tickets at the next start; a return request gets its own clock")
    func policyEdit() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let config = scratch.path("kefu.yaml")
        try "sla: {}\n".write(toFile: config, atomically: true, encoding: .utf8)
        let ebayReturn = #"{"id":"e1","conversation":"ebay-1","channel":"marketplace","marketplace":"ebay","kind":"return_request","direction":"in","from":"Bob <bob@example.com>","to":"shop@example.com","at":"2026-11-20T02:00:00Z","subject":"Return","body":"I want to return it"}"#
        try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.amazonMessage + "\n" + ebayReturn, environment: ["KEFU_CONFIG": config])
        func deadlines() throws -> [String: [String: String]] {
            let json = try KefuBinary.run(["queue", "--db", db, "--json"], environment: ["KEFU_CONFIG": config]).output
            let queue = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            var result: [String: [String: String]] = [:]
            for ticket in queue {
                for clock in ticket["deadlines"] as? [[String: Any]] ?? [] {
                    result[ticket["conversation"] as! String, default: [:]][clock["policy"] as! String] = clock["due"] as? String
                }
            }
            return result
        }
        let before = try deadlines()
        // eBay returns: three US business days (Pacific time) from the next working day's opening.
        // 02:00 UTC Friday is Thursday 18:00 in Los Angeles; Friday, Monday and Tuesday count, so
        // the deadline is Tuesday 24:00 PST = Wednesday 08:00 UTC.
        #expect(before["ebay-1"]?["ebay-returns"] == "2026-11-25T08:00:00Z")
        #expect(before["amz-1"]?["team-first-answer"] == "2026-11-20T07:30:00Z")

        // The team promises two business hours from now on: 10:00-12:00 Shanghai = 04:00 UTC.
        try """
            sla:
              policies:
                - name: team-first-answer
                  layer: team
                  targets: {first_reply: 2bh, next_reply: 2bh}
                  pause_when: [waiting_on_customer, on_hold]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try KefuBinary.run(["queue", "--db", db], environment: ["KEFU_CONFIG": config])
        #expect(run.error.contains("deadlines of 2 open ticket(s) recomputed"))
        let after = try deadlines()
        #expect(after["amz-1"]?["team-first-answer"] == "2026-11-20T04:00:00Z")
        #expect(after["amz-1"]?["amazon-messages"] == "2026-11-21T02:00:00Z")
    }

    @Test("A broken config file stops Kefu with the file, line and field")
    func brokenConfig() throws {
        let scratch = try Scratch()
        let config = scratch.path("kefu.yaml")
        try """
            sla:
              policies:
                - name: amazon-messages
                  layer: marketplace
                  when: {marketplace: amazon}
                  targets: {first_reply: 24x}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try KefuBinary.run(["queue", "--db", scratch.path("k.sqlite")], environment: ["KEFU_CONFIG": config], check: false)
        #expect(result.status != 0)
        #expect(result.error.contains("kefu.yaml:6"))
        #expect(result.error.contains("first_reply"))
    }

    @Test("kefu track: valid numbers exit 0 with the carrier and link; a wrong check digit exits 1")
    func track() throws {
        let valid = try KefuBinary.run(["track", "rb 1234 5678 5gb"])
        #expect(valid.output.contains("Royal Mail"))
        #expect(valid.output.contains("RB123456785GB"))
        let ups = try KefuBinary.run(["track", "--json", "1Z5R89390357567127"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ups.output.utf8)) as? [String: Any])
        #expect((object["tracking_url"] as? String ?? "").contains("ups.com"))
        #expect(object["valid"] as? Bool == true)
        let wrong = try KefuBinary.run(["track", "1Z5R89390357567128"], check: false)
        #expect(wrong.status == 1)
        #expect(wrong.output.lowercased().contains("invalid"))
    }
}
