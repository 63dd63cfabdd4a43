import Foundation
import Glibc
import Testing

/// `kefu notify` through the real binary on a store made by `kefu ingest` and `kefu import
/// orders`: the dry run (filled, sanitised, fallbacks, held back), the refusal of an unfilled
/// field, of a pre-sale template sent as an order notice, of a selection matching nobody and
/// of a large run without --yes; the real run, the re-run that queues nothing new, the opt-out
/// that a customer's message gave; and a run killed with -9 then run again.
@Suite("kefu notify end to end", .serialized)
struct NotifyEndToEndTests {
    static let config = """
        notify:
          confirm_above: 2
        orders:
          shop:
            delimiter: ","
            marketplace: shopify
            columns: {id: "Order No", placed_at: Date, customer_name: Buyer, buyer_email: Mail, total: Sum, currency: Cur,
                      sku: SKU, title: Item, quantity: Qty, tracking_number: Tracking, carrier: Carrier}
          amz:
            delimiter: ","
            marketplace: amazon
            columns: {id: "Order No", placed_at: Date, customer_name: Buyer, buyer_email: Mail, total: Sum, currency: Cur,
                      sku: SKU, title: Item, quantity: Qty, tracking_number: Tracking, carrier: Carrier}
        """

    static func message(_ id: String, _ conversation: String, from: String, body: String, order: String, language: String,
                        marketplace: String = "shopify", at: String = "2026-11-20T08:00:00Z") -> String {
        let object: [String: Any] = [
            "id": id, "conversation": conversation, "channel": marketplace == "amazon" ? "marketplace" : "email",
            "marketplace": marketplace, "direction": "in", "from": from, "to": "shop@example.com", "at": at,
            "subject": "Order \(order)", "body": body, "order": order, "language": language,
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static let header = "Order No,Date,Buyer,Mail,Sum,Cur,SKU,Item,Qty,Tracking,Carrier"

    @Test("Dry run, refusals, real run, re-run, opt-out and held-back reasons")
    func notify() throws {
        let scratch = try Scratch()
        let db = scratch.path("n.sqlite")
        let config = scratch.path("kefu.yaml")
        try Self.config.write(toFile: config, atomically: true, encoding: .utf8)
        func kefu(_ arguments: [String]) throws -> Shell.Result {
            try KefuBinary.run(arguments + ["--db", db], environment: ["KEFU_CONFIG": config, "KEFU_AGENT": "Li Wei"], check: false)
        }
        let hostile = "Eve\u{1B}]0;pwned\u{07} \u{202E}Evil"
        let messages = [
            Self.message("m1", "mail-anna", from: "Anna Müller <anna@example.de>", body: "Wo ist meine Bestellung?", order: "S-1", language: "de"),
            Self.message("m2", "mail-eve", from: "\(hostile) <eve@example.com>", body: "Where is it?", order: "S-2", language: "en"),
            Self.message("m3", "mail-pawel", from: "Paweł Nowak <pawel@example.pl>", body: "Gdzie jest paczka?", order: "S-3", language: "pl"),
            Self.message("m4", "amz-bo", from: "Bo Chen <bo7@marketplace.amazon.de>", body: "Where is my parcel?", order: "A-1",
                         language: "en", marketplace: "amazon"),
        ].joined(separator: "\n") + "\n"
        try messages.write(toFile: scratch.path("m.jsonl"), atomically: true, encoding: .utf8)
        #expect(try kefu(["ingest", scratch.path("m.jsonl")]).status == 0)
        try [Self.header, "S-1,2026-11-18,Anna Müller,anna@example.de,20,EUR,L1,Lamp,1,RB123456785GB,Royal Mail",
             "S-2,2026-11-18,Eve,eve@example.com,20,EUR,L1,Lamp,1,1Z5R89390357567127,UPS",
             "S-3,2026-11-18,Paweł Nowak,pawel@example.pl,20,EUR,L1,Lamp,1,3318810025,DHL"].joined(separator: "\n")
            .write(toFile: scratch.path("shop.csv"), atomically: true, encoding: .utf8)
        try [Self.header, "A-1,2026-11-18,Bo Chen,,20,EUR,L1,Lamp,1,EF123456785US,USPS"].joined(separator: "\n")
            .write(toFile: scratch.path("amz.csv"), atomically: true, encoding: .utf8)
        #expect(try kefu(["import", "orders", scratch.path("shop.csv"), "--format", "shop"]).status == 0)
        #expect(try kefu(["import", "orders", scratch.path("amz.csv"), "--format", "amz"]).status == 0)
        // Anna asks to unsubscribe in German.
        try Self.message("m5", "mail-anna", from: "Anna Müller <anna@example.de>", body: "Bitte abmelden, danke.", order: "S-1",
                         language: "de", at: "2026-11-21T08:00:00Z").write(toFile: scratch.path("m2.jsonl"), atomically: true, encoding: .utf8)
        #expect(try kefu(["ingest", scratch.path("m2.jsonl")]).status == 0)
        let anna = try kefu(["customer", "show", "anna@example.de"])
        #expect(anna.output.contains("opted out of notices 2026-11-21"), "\(anna.output)")
        try "order_id,note\nS-1,a\nS-2,b\nS-3,c\nA-1,d\nNOPE,e\n".write(toFile: scratch.path("orders.csv"), atomically: true, encoding: .utf8)
        let orders = ["--orders", scratch.path("orders.csv")]

        // Dry run: filled per recipient, sanitised, the fallback named, the opted-out customer held back.
        let dry = try kefu(["notify", "--template", "parcel-in-transit", "--purpose", "order", "--dry-run"] + orders)
        #expect(dry.status == 0, "\(dry.error)")
        #expect(dry.output.contains("4 recipients") && dry.output.contains("3 notices would be queued"))
        #expect(dry.output.contains("1 of 3: S-2") && dry.output.contains("Your order S-2 is on its way") && dry.output.contains("1Z5R89390357567127 (UPS)"))
        #expect(dry.output.contains("fell back to en: 1 customer pl (no pl variant)"))
        #expect(dry.output.contains("opted out (asked to unsubscribe)") && dry.output.contains("S-1  Anna Müller: opted out 2026-11-21"))
        #expect(!dry.output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" })
        #expect(dry.error.contains("1 order id of the file is not in the store: NOPE"))
        // Marketing: Amazon is held back; the template's own fields are unfilled for everyone else.
        let unfilled = try kefu(["notify", "--template", "new-seasonal-items", "--dry-run"] + orders)
        #expect(unfilled.status == 1)
        #expect(unfilled.error.contains("not queued: 2 recipients of 4") && unfilled.error.contains("{collection_link}: 2 recipients"))
        #expect(unfilled.error.contains("S-3  Paweł Nowak: {collection_link}, {bulk_quantity}"))
        #expect(unfilled.output.contains("A-1  Bo Chen: Amazon: order-related notices only"))
        let filled = try kefu(["notify", "--template", "new-seasonal-items", "--dry-run", "--field", "collection_link=https://shop.example/new",
                               "--field", "bulk_quantity=10"] + orders)
        #expect(filled.status == 0 && filled.output.contains("2 notices would be queued"))
        #expect(try kefu(["notify", "--template", "new-seasonal-items", "--purpose", "order"] + orders).error.contains("pre-sale template"))
        let nobody = try kefu(["notify", "--template", "parcel-in-transit", "--filter", "zzzz-nobody"])
        #expect(nobody.status == 1 && nobody.error.contains("matches nobody"))
        // More than notify.confirm_above (2) needs --yes; nothing is queued before it.
        let refused = try kefu(["notify", "--template", "parcel-in-transit", "--purpose", "order"] + orders)
        #expect(refused.status == 1 && refused.error.contains("more than 2") && refused.error.contains("--yes"))
        let real = try kefu(["notify", "--template", "parcel-in-transit", "--purpose", "order", "--yes"] + orders)
        #expect(real.status == 0, "\(real.error)")
        #expect(real.output.contains("Queued 3 notices in campaign parcel-in-transit.orders-5-"))
        let again = try kefu(["notify", "--template", "parcel-in-transit", "--purpose", "order", "--yes"] + orders)
        #expect(again.output.contains("Queued 0 notices") && again.output.contains("3 already queued by an earlier run"))
        let outbox = try kefu(["outbox", "--json"])
        #expect(outbox.status == 0)
        #expect(outbox.output.components(separatedBy: "\"notify:parcel-in-transit.orders-5-").count - 1 == 3, "\(outbox.output)")
        // The notices are nobody's work in the queue.
        let queue = try kefu(["queue", "--view", "all-open"])
        #expect(!queue.output.contains("notify:"))
    }

    @Test("A run killed with -9 in the middle, run again, queues the rest and nobody twice")
    func killedAndResumed() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let config = scratch.path("kefu.yaml")
        // Without the follow-up rules the import opens no speak-first item per order (faster).
        try (Self.config + "\nfollowups: {rules: []}\n").write(toFile: config, atomically: true, encoding: .utf8)
        let environment = ["KEFU_CONFIG": config, "KEFU_AGENT": "Li Wei"]
        let count = 2_000
        var csv = [Self.header]
        var ids = ["order"]
        for i in 0..<count {
            csv.append("K-\(i),2026-11-18,Buyer \(i),buyer\(i)@example.com,20,EUR,L1,Lamp,1,RB123456785GB,Royal Mail")
            ids.append("K-\(i)")
        }
        try csv.joined(separator: "\n").write(toFile: scratch.path("k.csv"), atomically: true, encoding: .utf8)
        try ids.joined(separator: "\n").write(toFile: scratch.path("ids.csv"), atomically: true, encoding: .utf8)
        _ = try KefuBinary.run(["import", "orders", scratch.path("k.csv"), "--format", "shop", "--db", db], environment: environment)
        let arguments = [KefuBinary.path, "notify", "--template", "parcel-in-transit", "--purpose", "order", "--yes",
                         "--orders", scratch.path("ids.csv"), "--db", db]
        let first = try BackgroundProcess(arguments, environment: environment, folder: scratch.url.path)
        try BackgroundProcess.waitUntil("the first batch", timeout: 60) { first.errorOutput.contains("queued 500 of \(count)") }
        first.signal(SIGKILL)
        first.wait()
        let rerun = try KefuBinary.run(Array(arguments.dropFirst()), environment: environment)
        let line = try #require(rerun.output.split(separator: "\n").first { $0.hasPrefix("Queued ") }.map(String.init))
        let queued = Int(line.dropFirst("Queued ".count).prefix { $0.isNumber }) ?? -1
        let already = line.range(of: "; ").map { Int(line[$0.upperBound...].prefix { $0.isNumber }) ?? 0 } ?? 0
        #expect(already >= 500 && queued > 0, "the kill should land between batches: \(line)")
        #expect(queued + already == count, "\(line)")
        let outbox = try KefuBinary.run(["outbox", "--db", db], environment: environment)
        #expect(outbox.output.contains("\(count) queued"), "\(outbox.output.suffix(200))")
    }
}
