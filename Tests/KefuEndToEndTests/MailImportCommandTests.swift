import Foundation
import Glibc
import Testing

/// `kefu import maildir|mbox|orders`, `kefu quarantine list` and `kefu watch maildir`, run as
/// a user runs them.
@Suite("Mail import commands")
struct MailImportCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let threads = fixtures.appendingPathComponent("KefuChannelsTests/Fixtures/Threads").path
    static let mimeMaildir = fixtures.appendingPathComponent("KefuMailTests/Fixtures/Maildir").path
    static let orders = fixtures.appendingPathComponent("KefuChannelsTests/Fixtures/orders").path

    @Test("import maildir twice counts once; broken mail is listed by quarantine list, sanitised, with reason and location")
    func importAndQuarantine() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let first = try KefuBinary.run(["import", "maildir", "--db", db, Self.mimeMaildir], check: false)
        #expect(first.status == 1)
        #expect(first.output == "Imported 26 messages (25 new conversations, 3 attachments), 0 already stored, 4 quarantined.\n")
        #expect(first.error.isEmpty)  // no progress bar when stderr is not a terminal
        let second = try KefuBinary.run(["import", "maildir", "--db", db, Self.mimeMaildir], check: false)
        #expect(second.output == "Imported 0 messages (0 new conversations, 0 attachments), 26 already stored, 4 quarantined.\n")

        let list = try KefuBinary.run(["quarantine", "list", "--db", db]).output
        #expect(list.contains("no-sender: no From header (fields: To, Subject, Date)"))
        #expect(list.contains("1700000091.broken-no-from.kefu:2,S"))
        #expect(list.hasSuffix("4 in quarantine.\n"))
        // A reason describes the broken message without quoting the customer.
        #expect(list.contains("no-headers: no header fields; the first line"))
        #expect(!list.contains("Hello, I want a refund"))
        #expect(!list.contains("\u{1B}"))
        let json = try KefuBinary.run(["quarantine", "list", "--db", db, "--json"]).output
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 4)
        #expect(Set(rows.compactMap { $0["source"] as? String }) == ["maildir"])
        #expect(rows.allSatisfy { ($0["location"] as? String)?.hasPrefix(Self.mimeMaildir) == true && $0["reason"] is String })

        let mbox = try KefuBinary.run(["import", "mbox", "--db", db, Self.fixtures.appendingPathComponent("KefuMailTests/Fixtures/sample.mbox").path])
        #expect(mbox.output == "Imported 3 messages (3 new conversations, 0 attachments), 0 already stored, 0 quarantined.\n")
        let missing = try KefuBinary.run(["import", "maildir", "--db", db, scratch.path("nope")], check: false)
        #expect(missing.status != 0 && missing.error.contains("not a Maildir"))
    }

    @Test("import orders: bad rows as FILE:LINE: reason, good rows in, the config's column map for generic CSV")
    func orders() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        try KefuBinary.run(["import", "maildir", "--db", db, Self.threads], check: false)
        let amazon = try KefuBinary.run(["import", "orders", "--db", db, Self.orders + "/amazon.tsv"], check: false)
        #expect(amazon.status == 1)
        #expect(amazon.error == """
            \(Self.orders)/amazon.tsv:5: order 028-5555555-6666666: "yesterday" is not a date like 2026-11-20T10:15:00Z
            \(Self.orders)/amazon.tsv:6: order 028-7777777-8888888: quantity "many" is not a whole number

            """)
        #expect(amazon.output.hasPrefix("Imported 2 orders (3 rows, 2 parcels) (format amazon)"))
        let shown = try KefuBinary.run(["show", "--db", db, "1"]).output
        #expect(shown.contains("RB123456785GB"))

        let generic = try KefuBinary.run(["import", "orders", "--db", db, Self.orders + "/erp.csv"], check: false)
        #expect(generic.status != 0 && generic.error.contains("erp.csv: line 1: not an Amazon All Orders report"))
        let config = scratch.path("kefu.yaml")
        try """
            orders:
              erp:
                delimiter: ";"
                marketplace: ebay
                columns: {id: Auftrag, placed_at: Datum, customer_name: Kunde, buyer_email: Mail, tracking_number: Paket}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let mapped = try KefuBinary.run(["import", "orders", "--db", db, Self.orders + "/erp.csv"], environment: ["KEFU_CONFIG": config], check: false)
        #expect(mapped.error == "\(Self.orders)/erp.csv:4: no order id in column 'Auftrag'\n")
        #expect(mapped.output.hasPrefix("Imported 2 orders (2 rows, 1 parcels) (format erp)"))
    }

    @Test("watch maildir takes in mail as it lands and stops cleanly on SIGTERM")
    func watch() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let maildir = scratch.path("Mail")
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: maildir + "/" + folder, withIntermediateDirectories: true)
        }
        let watcher = try BackgroundProcess([KefuBinary.path, "watch", "maildir", "--db", db, "--interval", "0.2", maildir], folder: scratch.url.path)
        try BackgroundProcess.waitUntil("the watcher to start") { watcher.output.contains("Watching") }
        for index in 1...3 {
            let text = "From: buyer\(index)@client.example\nSubject: question \(index)\nMessage-ID: <w\(index)@client.example>\n\nhello \(index)\n"
            // As a delivery agent does: write in tmp/, rename into new/.
            try text.write(toFile: maildir + "/tmp/\(index).w.host", atomically: true, encoding: .utf8)
            rename(maildir + "/tmp/\(index).w.host", maildir + "/new/\(index).w.host")
            try BackgroundProcess.waitUntil("message \(index) in the store") {
                let queue = try KefuBinary.run(["queue", "--db", db, "--json", "--view", "all-open"]).output
                return queue.contains("question \(index)")
            }
        }
        watcher.signal(SIGTERM)
        #expect(watcher.wait() == 0)
        #expect(watcher.output.contains("Stopped. Imported 3 messages (3 new conversations, 0 attachments), 0 already stored, 0 quarantined."))
    }

    @Test("watch maildir is woken by inotify: with a 30 s poll interval a landed message is stored within seconds; --poll waits the interval")
    func watchInotify() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let maildir = scratch.path("Mail")
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: maildir + "/" + folder, withIntermediateDirectories: true)
        }
        func deliver(_ index: Int) throws {
            let text = "From: buyer\(index)@client.example\nSubject: question \(index)\nMessage-ID: <i\(index)@client.example>\n\nhello \(index)\n"
            try text.write(toFile: maildir + "/tmp/\(index).i.host", atomically: true, encoding: .utf8)
            rename(maildir + "/tmp/\(index).i.host", maildir + "/new/\(index).i.host")
        }
        func stored(_ index: Int) throws -> Bool {
            // Until the watcher has made the store, there is nothing to ask (queue refuses a missing store).
            guard FileManager.default.fileExists(atPath: db) else { return false }
            return try KefuBinary.run(["queue", "--db", db, "--json", "--view", "all-open"]).output.contains("question \(index)")
        }

        // Polling every 30 s: a message landing after the first scan waits for the next one.
        // (Message 0, there from the start, shows when the first scan has listed the folders.)
        try deliver(0)
        let polling = try BackgroundProcess([KefuBinary.path, "watch", "maildir", "--db", db, "--poll", "--interval", "30", maildir], folder: scratch.url.path)
        try BackgroundProcess.waitUntil("the polling watcher's first scan") { try stored(0) }
        #expect(polling.output.contains("(polling every 30.0 s; Ctrl-C stops)"))
        try deliver(1)
        usleep(2_000_000)
        #expect(try !stored(1))
        polling.signal(SIGTERM)
        #expect(polling.wait() == 0)

        // inotify: the same interval, yet each message is taken in as it lands.
        let started = Date()
        let watcher = try BackgroundProcess([KefuBinary.path, "watch", "maildir", "--db", db, "--interval", "30", maildir], folder: scratch.url.path)
        try BackgroundProcess.waitUntil("the inotify watcher to start") { watcher.output.contains("Watching") }
        #expect(watcher.output.contains("(inotify; Ctrl-C stops)"))
        try BackgroundProcess.waitUntil("message 1 (there before the start) in the store") { try stored(1) }
        for index in 2...3 {
            try deliver(index)
            try BackgroundProcess.waitUntil("message \(index) in the store", timeout: 10) { try stored(index) }
        }
        #expect(Date().timeIntervalSince(started) < 25, "inotify should not wait for the 30 s poll")
        watcher.signal(SIGTERM)
        #expect(watcher.wait() == 0)
        #expect(watcher.output.contains("Stopped. Imported 3 messages (3 new conversations, 0 attachments), 1 already stored, 0 quarantined."))
    }

    @Test("on a terminal, an import longer than a second shows a progress bar with rate and ETA, then the summary")
    func progressBar() throws {
        let scratch = try Scratch()
        var mbox = ""
        for index in 0..<6_000 {
            mbox += "From buyer\(index)@client.example Mon Nov 23 08:15:00 2026\nFrom: buyer\(index)@client.example\n"
                + "Subject: question \(index)\nMessage-ID: <p\(index)@client.example>\n\nWhere is my parcel?\n\n"
        }
        try mbox.write(toFile: scratch.path("big.mbox"), atomically: true, encoding: .utf8)
        let command = "\(Tmux.quote(KefuBinary.path)) import mbox --db \(Tmux.quote(scratch.path("k.sqlite"))) \(Tmux.quote(scratch.path("big.mbox"))); sleep 600"
        let tmux = try Tmux(command: ["sh", "-c", command])
        let bar = try tmux.waitFor("the progress bar", timeout: 60) { $0.contains("msg/s") && $0.contains("ETA") || $0.contains("Imported ") }
        #expect(bar.contains("msg/s") && bar.contains("ETA") && bar.contains("%"), "the import ended before a bar was drawn:\n\(bar)")
        let done = try tmux.waitFor(text: "Imported 6000 messages", timeout: 120)
        #expect(!done.contains("ETA"))  // the bar is erased before the summary
    }
}
