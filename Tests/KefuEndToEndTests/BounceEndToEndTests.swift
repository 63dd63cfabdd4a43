import Foundation
import KefuTestSupport
import Testing

/// A reply goes out through msmtp to a real SMTP server on loopback; the customer's
/// out-of-office answer and then the receiving server's delivery report come back through
/// `kefu import maildir`, as they would from the shop's mailbox.
@Suite("Bounces and auto-replies, end to end (real SMTP server and msmtp)", .serialized)
struct BounceEndToEndTests {
    /// A Maildir holding one message.
    static func maildir(_ scratch: Scratch, _ name: String, _ text: String) throws -> String {
        let folder = scratch.path(name)
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: folder + "/new/1795700000.1.host", atomically: true, encoding: .utf8)
        return folder
    }

    @Test("an out-of-office reply starts no clock; a failed DSN marks the reply bounced, says so in the thread and brings the ticket back")
    func outOfOfficeThenBounce() throws {
        let scratch = try Scratch()
        let sink = try SMTPSink(scratch: scratch)
        let setup = try DeliverySetup(scratch: scratch, smtpPort: sink.port)
        let claire = try setup.ticketID(customer: "Claire Martin")
        let body = scratch.path("reply.txt")
        try "Bonjour Claire,\n\nla taille M part aujourd'hui.\n\nLi Wei\n".write(toFile: body, atomically: true, encoding: .utf8)
        try setup.kefu(["reply", "\(claire)", "--body-file", body, "--send", "--force"])
        try setup.kefu(["deliver"])
        let received = try #require(sink.messages().first)
        let returnedHeaders = String(decoding: received, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
            .replacingOccurrences(of: "\r\n", with: "\n")
        let messageID = try #require(try setup.outbox().first?["message_id"] as? String)
        func claireRow() throws -> [String: Any] {
            let json = try setup.kefu(["queue", "--json", "--view", "all-open"]).output
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            return try #require(rows.first { ($0["id"] as? Int).map(Int64.init) == claire })
        }
        #expect(try claireRow()["due"] is NSNull, "answered")

        let away = try Self.maildir(scratch, "away", """
            From: Claire Martin <claire@client.example>
            To: support@shop.example
            Subject: Réponse automatique : Re: Taille du pull
            Date: Wed, 25 Nov 2026 10:00:00 +0000
            Message-ID: <ooo-1@client.example>
            In-Reply-To: <\(messageID)>
            Auto-Submitted: auto-replied

            Je suis absente jusqu'au 30 novembre.
            """)
        #expect(try setup.kefu(["import", "maildir", away]).status == 0)
        #expect(try claireRow()["due"] is NSNull, "an out-of-office reply must not restart the reply clock")
        #expect(try setup.kefu(["show", "\(claire)"]).output.contains("── Automatic mail, no reply clock · "))

        let report = try Self.maildir(scratch, "bounces", """
            From: Mail Delivery System <MAILER-DAEMON@mx.shop.example>
            To: support@shop.example
            Subject: Undelivered Mail Returned to Sender
            Date: Wed, 25 Nov 2026 10:05:00 +0000
            Message-ID: <dsn-1@mx.shop.example>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="DSN"

            --DSN
            Content-Type: text/plain

            Your message could not be delivered to claire@client.example.

            --DSN
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.shop.example

            Final-Recipient: rfc822; claire@client.example
            Action: failed
            Status: 5.2.1
            Diagnostic-Code: smtp; 550 5.2.1 Mailbox disabled

            --DSN
            Content-Type: text/rfc822-headers

            \(returnedHeaders)

            --DSN--
            """)
        #expect(try setup.kefu(["import", "maildir", report]).status == 0)
        let outbox = try setup.kefu(["outbox"]).output
        #expect(outbox.contains("bounced: 5.2.1 smtp; 550 5.2.1 Mailbox disabled"), "\(outbox)")
        #expect(outbox.contains("1 bounced."))
        let row = try claireRow()
        #expect(!(row["due"] is NSNull), "the customer never got the answer: the ticket is back with a deadline")
        let shown = try setup.kefu(["show", "\(claire)"]).output
        #expect(shown.contains(" · bounced: 5.2.1 smtp; 550 5.2.1 Mailbox disabled ──"), "\(shown)")
        #expect(shown.contains("Your message could not be delivered"))
        // The bounced reply is never handed over again.
        #expect(try setup.kefu(["deliver", "--retry"]).output.hasPrefix("Delivered 0 replies"))
        #expect(sink.messages().count == 1)
    }
}
