import Foundation
import KefuChannels
import KefuCore
import KefuMail
import KefuStore
import KefuTestSupport
import Testing

@Suite("Mailbox import")
struct MailboxImporterTests {
    /// Imports the thread corpus into a fresh store with an evidence folder beside it.
    func imported() throws -> (TemporaryStore, EvidenceStore, MailboxImporter.Summary) {
        let temporary = try TemporaryStore()
        let evidence = try EvidenceStore(folder: temporary.folder.appendingPathComponent("evidence"))
        let importer = MailboxImporter(store: temporary.store, evidence: evidence, source: "maildir")
        let summary = try importer.run(try MaildirReader(directory: ChannelFixtures.threads))
        return (temporary, evidence, summary)
    }

    func tickets(_ store: SQLiteTicketStore) throws -> [String: Ticket] {
        let all = try store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 100)
        return Dictionary(uniqueKeysWithValues: all.map { ($0.conversation, $0) })
    }

    @Test("threads by relay address and order, by eBay item, by In-Reply-To even when the reply is read first")
    func threading() throws {
        let (temporary, _, summary) = try imported()
        #expect(summary.read == 9)  // tmp/ is never read
        #expect(summary.stored.added == 8)
        #expect(summary.broken == 1)
        let byConversation = try tickets(temporary.store)
        #expect(byConversation.count == 5)
        let amazon = try #require(byConversation["amazon:x7k2m9p4q1@marketplace.amazon.de:028-1111111-2222222"])
        #expect(amazon.messageCount == 2)
        #expect(amazon.marketplace == .amazon && amazon.channel == .marketplace)
        #expect(amazon.orderID == "028-1111111-2222222")
        #expect(amazon.language == "de")  // detected: the mail declares no language
        #expect(byConversation["amazon:x7k2m9p4q1@marketplace.amazon.de:028-3333333-4444444"]?.messageCount == 1)
        let ebay = try #require(byConversation["ebay:bob_uk@members.ebay.co.uk:123456789012"])
        #expect(ebay.messageCount == 2 && ebay.marketplace == .ebay)
        let french = try #require(byConversation["ref:t6@client.example"])
        #expect(french.messageCount == 2)
        #expect(french.language == "fr")
    }

    @Test("attachments are evidence files linked to their message; the same photo is stored once")
    func attachments() throws {
        let (temporary, evidence, summary) = try imported()
        #expect(summary.stored.attachments == 3)
        let ticket = try #require(try tickets(temporary.store).values.first { $0.customerName == "Tom Baker" })
        let message = try #require(try temporary.store.messages(ticketID: ticket.id).first)
        let files = try temporary.store.attachments(ofMessage: message.id)
        #expect(files.map(\.filename) == ["mug.jpg", "mug-again.jpg", "称重.pdf"])
        #expect(files.map(\.contentType) == ["image/jpeg", "image/jpeg", "application/pdf"])
        #expect(files[0].sha256 == files[1].sha256)
        let photo = try Data(contentsOf: evidence.location(of: files[0].sha256))
        #expect(String(decoding: photo, as: UTF8.self) == "JPEG-bytes-of-a-broken-mug")
        let pdf = try Data(contentsOf: evidence.location(of: files[2].sha256))
        #expect(String(decoding: pdf, as: UTF8.self) == "%PDF-1.4 weigh record 412 g")
        let objects = try FileManager.default.subpathsOfDirectory(atPath: evidence.folder.appendingPathComponent("objects").path)
            .filter { $0.count > 3 }
        #expect(objects.count == 2)
    }

    @Test("import twice, count once: nothing added, quarantine keeps one row per broken message")
    func idempotent() throws {
        let (temporary, evidence, _) = try imported()
        let before = try temporary.store.counts()
        let again = MailboxImporter(store: temporary.store, evidence: evidence, source: "maildir")
        let second = try again.run(try MaildirReader(directory: ChannelFixtures.threads))
        #expect(second.stored.added == 0)
        #expect(second.stored.duplicates == 8)
        #expect(second.stored.attachments == 0)
        #expect(try temporary.store.counts() == before)
        #expect(try temporary.store.quarantineCount() == 1)
        let row = try #require(try temporary.store.quarantined(limit: 10).first)
        #expect(row.reason.hasPrefix("no-sender:"))
        #expect(row.location.hasSuffix("1800000009.T9-broken.kefu:2,S"))
        #expect(row.raw.contains("Who wrote this?"))
    }

    @Test("the MIME corpus and the mbox: every readable message in, every broken one quarantined with its reason")
    func mimeCorpus() throws {
        let temporary = try TemporaryStore()
        let evidence = try EvidenceStore(folder: temporary.folder.appendingPathComponent("evidence"))
        let maildir = try MailboxImporter(store: temporary.store, evidence: evidence, source: "maildir")
            .run(try MaildirReader(directory: ChannelFixtures.mimeMaildir))
        // The two with broken structure (no boundary parameter, a boundary that never appears)
        // are read leniently: quarantined is only what has no sender or nothing readable.
        #expect(maildir.stored.added == 26)
        #expect(maildir.broken == 4)
        let reasons = try temporary.store.quarantined(limit: 10).map { String($0.reason.prefix { $0 != ":" }) }.sorted()
        #expect(reasons == ["empty", "nested-too-deep", "no-headers", "no-sender"])
        let mbox = try MailboxImporter(store: temporary.store, evidence: evidence, source: "mbox")
            .run(try MboxReader(path: ChannelFixtures.mbox))
        #expect(mbox.stored.added == 3 && mbox.broken == 0)
        // The reply citing the shop's answer joined the customer's first mail.
        let peter = try tickets(temporary.store).values.filter { $0.customerName == "Peter Jones" }
        #expect(peter.count == 1 && peter.first?.messageCount == 2)
    }

    @Test("a stop request ends the run after the message in hand; the next run completes the rest")
    func stopAndResume() throws {
        let temporary = try TemporaryStore()
        let importer = MailboxImporter(store: temporary.store, evidence: nil, source: "maildir")
        var seen = 0
        importer.shouldStop = {
            seen += 1
            return seen > 3
        }
        let first = try importer.run(try MaildirReader(directory: ChannelFixtures.threads))
        #expect(first.read == 3)
        let rest = try MailboxImporter(store: temporary.store, evidence: nil, source: "maildir")
            .run(try MaildirReader(directory: ChannelFixtures.threads))
        #expect(first.stored.added + rest.stored.added == 8)
        #expect(try temporary.store.counts().messages == 8)
    }
}

@Suite("Maildir scanner (watch)")
struct MaildirScannerTests {
    @Test("a scan reads only messages it has not seen; a message moved from new/ to cur/ is not read again")
    func scanner() throws {
        let scratch = try ScratchFolder()
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: scratch.path("md/" + folder), withIntermediateDirectories: true)
        }
        let first = "From: a@client.example\nSubject: one\nMessage-ID: <s1@client.example>\n\nfirst\n"
        try first.write(toFile: scratch.path("md/new/1.s1.host"), atomically: true, encoding: .utf8)
        var scanner = try MaildirScanner(directory: scratch.path("md"))
        #expect(Array(scanner.scan()).count == 1)
        #expect(Array(scanner.scan()).isEmpty)
        // A delivery in progress in tmp/ is not seen; once renamed into new/ it is.
        try "From: b@client.example\nSubject: two\n\nsecond\n".write(toFile: scratch.path("md/tmp/2.s2.host"), atomically: true, encoding: .utf8)
        #expect(Array(scanner.scan()).isEmpty)
        try FileManager.default.moveItem(atPath: scratch.path("md/tmp/2.s2.host"), toPath: scratch.path("md/new/2.s2.host"))
        try FileManager.default.moveItem(atPath: scratch.path("md/new/1.s1.host"), toPath: scratch.path("md/cur/1.s1.host:2,S"))
        let found = Array(scanner.scan())
        #expect(found.count == 1)
        #expect(try found.first?.get().id == "2.s2.host")
    }
}

/// A synced Sent folder holds the team's own mail: it goes in as the team's replies.
@Suite("Mail from the team's own addresses")
struct TeamMailImportTests {
    func write(_ messages: [String: String], to scratch: ScratchFolder) throws -> String {
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: scratch.path("md/" + folder), withIntermediateDirectories: true)
        }
        for (name, text) in messages {
            try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: scratch.path("md/cur/" + name), atomically: true, encoding: .utf8)
        }
        return scratch.path("md")
    }

    @Test("a reply from a team address ends the wait; a first mail from the team joins the customer's answer")
    func sentFolder() throws {
        let scratch = try ScratchFolder()
        let maildir = try write([
            "1.a.host:2,S": """
                From: Claire Martin <claire@client.example>
                To: support@shop.example
                Subject: Where is my parcel?
                Date: Mon, 23 Nov 2026 08:00:00 +0000
                Message-ID: <c1@client.example>

                Hello, where is my parcel?
                """,
            "2.b.host:2,S": """
                From: Shop Team <Support@Shop.example>
                To: Claire Martin <claire@client.example>
                Subject: Re: Where is my parcel?
                Date: Mon, 23 Nov 2026 09:00:00 +0000
                Message-ID: <r1@shop.example>
                In-Reply-To: <c1@client.example>

                It left our warehouse yesterday.
                """,
            "3.c.host:2,S": """
                From: sales@shop.example
                To: Tom Berg <tom@buyer.example>
                Subject: Your order 1042
                Date: Mon, 23 Nov 2026 10:00:00 +0000
                Message-ID: <s1@shop.example>

                Your order ships today.
                """,
            "4.d.host:2,S": """
                From: Tom Berg <tom@buyer.example>
                To: sales@shop.example
                Subject: AW: Your order 1042
                Date: Mon, 23 Nov 2026 11:00:00 +0000
                Message-ID: <t1@buyer.example>

                Danke, und wann kommt es an?
                """,
        ], to: scratch)
        let temporary = try TemporaryStore()
        let importer = MailboxImporter(store: temporary.store, evidence: nil, source: "maildir")
        importer.teamAddresses = MailSettings(from: MailAddress(parsing: "Shop Team <support@shop.example>"),
                                              ourAddresses: ["sales@shop.example"]).teamAddresses
        let summary = try importer.run(try MaildirReader(directory: maildir))
        #expect(summary.stored.added == 4)
        #expect(summary.stored.newTickets == 2)
        let open = try temporary.store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 10)
        let claire = try #require(open.first { $0.customerAddress == "claire@client.example" })
        #expect(claire.lastFrom == .agent)
        #expect(claire.due == nil)
        #expect(try temporary.store.messages(ticketID: claire.id).map(\.direction) == [.inbound, .outbound])
        #expect(try temporary.store.deadlineOutcomes(ticketID: claire.id).count >= 1)
        // The team wrote first; the customer's answer joins that conversation, which waits for us.
        let tom = try #require(open.first { $0.customerAddress == "tom@buyer.example" })
        #expect(tom.customerName == "Tom Berg")
        #expect(try temporary.store.messages(ticketID: tom.id).map(\.direction) == [.outbound, .inbound])
        #expect(tom.lastFrom == .customer && tom.due != nil)
        #expect(open.allSatisfy { !$0.customerAddress.hasSuffix("@shop.example") })
    }
}
