import Foundation
import KefuChannels
import KefuCore
import KefuMail
import KefuStore
import KefuTestSupport
import Testing

/// The scam checks run where messages come in: mail import and `kefu ingest` JSON Lines. The
/// findings are stored with the message, mark the ticket for the queue, and add up to scam waves.
@Suite("Scam checks at import")
struct ScamImportTests {
    /// A Maildir with these messages in `new/`.
    func maildir(_ messages: [String]) throws -> (TemporaryStore, URL) {
        let temporary = try TemporaryStore()
        let root = temporary.folder.appendingPathComponent("Mail")
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for (index, message) in messages.enumerated() {
            let text = message.replacingOccurrences(of: "\n", with: "\r\n")
            try Data(text.utf8).write(to: root.appendingPathComponent("new/170000000\(index).M1P1.host"))
        }
        return (temporary, root)
    }

    static let fakeAmazonHTML = """
        From: "Amazon.de" <service@amazon-verify-account.co>
        To: anna.mueller@example.de
        Subject: Ihre Bestellung konnte nicht versandt werden
        Message-ID: <fake-1@amazon-verify-account.co>
        Date: Mon, 07 Dec 2026 08:10:00 +0000
        Authentication-Results: mx.shop.example; spf=fail smtp.mailfrom=amazon-verify-account.co; dmarc=fail header.from=amazon-verify-account.co
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/html; charset=utf-8

        <p>Ihre Bestellung konnte nicht versandt werden. Bitte <a href="https://amazon-verify-account.co/de/login">www.amazon.de</a> öffnen.</p>
        --b1
        Content-Type: application/octet-stream; name="Rechnung.pdf.exe"
        Content-Disposition: attachment; filename="Rechnung.pdf.exe"
        Content-Transfer-Encoding: base64

        TVqQAAMAAAAEAAAA
        --b1--
        """

    @Test("a fake Amazon mail: HTML link text, the .pdf.exe, the forged sender are stored and mark the ticket")
    func fakeMarketplaceMail() throws {
        let (temporary, root) = try maildir([Self.fakeAmazonHTML])
        let evidence = try EvidenceStore(folder: temporary.folder.appendingPathComponent("evidence"))
        let importer = MailboxImporter(store: temporary.store, evidence: evidence, source: "maildir")
        _ = try importer.run(try MaildirReader(directory: root.path))
        let ticket = try #require(try temporary.store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 5).first)
        #expect(ticket.safetyMark == "file")  // the attachment is the worst of it
        let findings = try temporary.store.messages(ticketID: ticket.id).flatMap(\.findings)
        let signals = Set(findings.map(\.signal))
        #expect(signals.isSuperset(of: ["link-text-mismatch", "double-extension", "claims-brand", "authentication-failed"]))
        let mismatch = try #require(findings.first { $0.signal == "link-text-mismatch" })
        #expect(mismatch.detail == "link text says www.amazon.de, goes to amazon-verify-account.co")
        #expect(mismatch.shown == "hxxps://amazon-verify-account[.]co/de/login")
        #expect(findings.first { $0.category == .attachment }?.shown == "Rechnung.pdf.exe")
    }

    @Test("the marketplaces' real relay mail in the thread corpus is not flagged")
    func cleanRelayMail() throws {
        let temporary = try TemporaryStore()
        let evidence = try EvidenceStore(folder: temporary.folder.appendingPathComponent("evidence"))
        let importer = MailboxImporter(store: temporary.store, evidence: evidence, source: "maildir")
        _ = try importer.run(try MaildirReader(directory: ChannelFixtures.threads))
        let tickets = try temporary.store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 100)
        #expect(tickets.count >= 5)
        for ticket in tickets {
            #expect(ticket.safetyMark == nil, "\(ticket.conversation)")
            #expect(try temporary.store.messages(ticketID: ticket.id).allSatisfy(\.findings.isEmpty))
        }
    }

    @Test("JSON Lines: forwarded scam links from several customers make a wave; the team's own replies are not checked")
    func waveFromJSONLines() throws {
        let temporary = try TemporaryStore()
        let file = temporary.folder.appendingPathComponent("in.jsonl")
        let now = Date()
        var lines: [String] = []
        for index in 0..<4 {
            let at = RFC3339.format(now.addingTimeInterval(Double(index - 5) * 600))
            lines.append(#"{"id":"w\#(index)","conversation":"c\#(index)","channel":"email","direction":"in","from":"Buyer \#(index) <buyer\#(index)@example.fr>","at":"\#(at)","subject":"Est-ce vous ?","body":"J'ai reçu ceci : https://amazon-gift-fr.com/carte?id=\#(index)"}"#)
        }
        lines.append(#"{"id":"o1","conversation":"c0","channel":"email","direction":"out","to":"buyer0@example.fr","at":"\#(RFC3339.format(now))","body":"Please log in: https://bit.ly/x"}"#)
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let importer = JSONLinesImporter(store: temporary.store, source: file.path)
        _ = try importer.run(try FileHandle(forReadingFrom: file))
        let waves = try temporary.store.scamWaves(now: now.addingTimeInterval(60), rule: ScamWaveRule(minimumCustomers: 3, window: 3600))
        #expect(waves.map(\.key) == ["amazon-gift-fr.com"])
        #expect(waves.first?.customers == 4)
        #expect(waves.first?.isHost == true)
        // Three customers are not enough when the rule asks for five; an old window sees none.
        #expect(try temporary.store.scamWaves(now: now, rule: ScamWaveRule(minimumCustomers: 5, window: 3600)).isEmpty)
        #expect(try temporary.store.scamWaves(now: now.addingTimeInterval(86_400), rule: ScamWaveRule(minimumCustomers: 3, window: 3600)).isEmpty)
        let replies = try temporary.store.messages(ticketID: 1).filter { $0.direction == .outbound }
        #expect(replies.count == 1 && replies[0].findings.isEmpty)
    }
}
