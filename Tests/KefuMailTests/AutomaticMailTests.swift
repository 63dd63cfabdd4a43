import KefuCore
import Testing
@testable import KefuMail

/// Mail a machine sent is told from mail a person sent, and a delivery report says which of
/// our mails failed and why — the shapes Postfix, Exim, qmail and Exchange send.
@Suite("Auto-replies and delivery reports")
struct AutomaticMailTests {
    static let postfixReport = """
        From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
        To: shop@example.com
        Subject: Undelivered Mail Returned to Sender
        Date: Mon, 23 Nov 2026 09:30:00 +0000
        Message-ID: <20261123093000.1@mx.example.net>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

        --B1
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.example.net.
        I'm sorry to have to inform you that your message could not be delivered.

        <mason@example.com>: host mail.example.com said: 550 5.1.1 User unknown

        --B1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.net
        Arrival-Date: Mon, 23 Nov 2026 09:29:58 +0000

        Final-Recipient: rfc822; mason@example.com
        Original-Recipient: rfc822;mason@example.com
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mail.example.com
        Diagnostic-Code: smtp; 550 5.1.1 <mason@example.com>:
            Recipient address rejected: User unknown

        --B1
        Content-Type: text/rfc822-headers

        From: Shop <shop@example.com>
        To: Mason Lee <mason@example.com>
        Subject: Re: Where is my parcel
        Message-ID: <kefu.12.3f9a0c1d2e3b4a59@shop.example.com>

        --B1--

        """

    @Test("A Postfix DSN: failed, the returned reply's Message-ID, status and diagnostic as the reason")
    func postfix() throws {
        let mail = try MailParser().parse(MailFixtures.message(Self.postfixReport))
        let automatic = try #require(mail.automatic)
        #expect(automatic.kind == .deliveryFailed)
        #expect(automatic.about == "kefu.12.3f9a0c1d2e3b4a59@shop.example.com")
        #expect(automatic.reason == "5.1.1 smtp; 550 5.1.1 <mason@example.com>: Recipient address rejected: User unknown")
        let record = mail.ingestRecord(receivedAt: mail.date!)
        #expect(record.direction == .automatic && record.automatic == automatic)
        #expect(record.body.contains("could not be delivered"), "the agent still reads the report's text")
    }

    @Test("A report that delivery is delayed is not a bounce; the original can come as message/rfc822")
    func delayed() throws {
        let text = Self.postfixReport
            .replacingOccurrences(of: "Action: failed", with: "Action: delayed")
            .replacingOccurrences(of: "Status: 5.1.1", with: "Status: 4.4.1")
            .replacingOccurrences(of: "Content-Type: text/rfc822-headers", with: "Content-Type: message/rfc822")
        let automatic = try #require(try MailParser().parse(MailFixtures.message(text)).automatic)
        #expect(automatic.kind == .deliveryDelayed)
        #expect(automatic.about == "kefu.12.3f9a0c1d2e3b4a59@shop.example.com")
        #expect(automatic.reason?.hasPrefix("4.4.1") == true)
    }

    @Test("A qmail bounce (no DSN part) from MAILER-DAEMON: failed, the Message-ID found in the returned text")
    func qmail() throws {
        let mail = try MailParser().parse(MailFixtures.message("""
            From: MAILER-DAEMON@mail.example.org
            To: shop@example.com
            Subject: failure notice

            Hi. This is the qmail-send program at mail.example.org.
            I'm afraid I wasn't able to deliver your message to the following addresses.

            <buyer@example.org>:
            550 5.7.1 Mailbox disabled for this recipient

            --- Below this line is a copy of the message.

            Message-ID: <kefu.7.00aa11bb22cc33dd@shop.example.com>
            Subject: Re: Refund

            """))
        let automatic = try #require(mail.automatic)
        #expect(automatic.kind == .deliveryFailed)
        #expect(automatic.about == "kefu.7.00aa11bb22cc33dd@shop.example.com")
        #expect(automatic.reason == "550 5.7.1 Mailbox disabled for this recipient")
    }

    @Test("Out of office: RFC 3834 header, or the subject alone in several languages; about the mail it answers")
    func outOfOffice() throws {
        let marked = try MailParser().parse(MailFixtures.message("""
            From: Mason Lee <mason@example.com>
            Subject: Re: Where is my parcel
            In-Reply-To: <kefu.12.3f9a0c1d2e3b4a59@shop.example.com>
            Auto-Submitted: auto-replied

            I am away until Monday.
            """))
        #expect(marked.automatic == AutomaticMail(kind: .autoReply, about: "kefu.12.3f9a0c1d2e3b4a59@shop.example.com"))
        for subject in ["Automatic reply: Where is my parcel", "Abwesenheitsnotiz: Ihre Anfrage", "Réponse automatique : commande",
                        "Out of Office: order 114", "自动回复：您的订单"] {
            let mail = try MailParser().parse(MailFixtures.message("From: a@example.com\nSubject: \(subject)\n\nAway.\n"))
            #expect(mail.automatic?.kind == .autoReply, "\(subject)")
        }
    }

    @Test("A person is not a machine: customer mail, a parcel-slip subject, a marketplace buyer's relayed mail marked bulk")
    func people() throws {
        for text in [
            "From: a@example.com\nSubject: Where is my parcel\n\nHello\n",
            "From: a@example.jp\nSubject: 不在票が入っていました\n\n再配達をお願いします\n",
            "From: Out of Office Supplies <sales@ooo.example>\nSubject: Order 55 arrived broken\n\nThe box was crushed.\n",
            "From: buyer-x@marketplace.amazon.de\nPrecedence: bulk\nAuto-Submitted: auto-generated\nSubject: Frage zu Bestellung\n\nWo ist es?\n",
        ] {
            let mail = try MailParser().parse(MailFixtures.message(text))
            #expect(mail.automatic == nil, "\(text)")
            #expect(mail.ingestRecord(receivedAt: .now).direction == .inbound)
        }
        let list = try MailParser().parse(MailFixtures.message("From: news@brand.example\nPrecedence: bulk\nSubject: Our sale\n\nSale.\n"))
        #expect(list.automatic?.kind == .generated)
    }

    @Test("A hostile report stays bounded: many recipient blocks, a huge diagnostic, controls in the reason")
    func hostile() throws {
        let blocks = (0..<500).map { "Final-Recipient: rfc822; r\($0)@x.example\nAction: failed\nStatus: 5.0.0\n" }.joined(separator: "\n")
        let text = """
            From: MAILER-DAEMON@x.example
            Subject: bounce
            Content-Type: multipart/report; report-type=delivery-status; boundary="Z"

            --Z
            Content-Type: message/delivery-status

            Reporting-MTA: dns; x.example

            Final-Recipient: rfc822; first@x.example
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 \u{1B}[31mred\u{1B}[0m \(String(repeating: "long ", count: 400))

            \(blocks)
            --Z--

            """
        let automatic = try #require(try MailParser().parse(MailFixtures.message(text)).automatic)
        #expect(automatic.kind == .deliveryFailed && automatic.about == nil)
        let reason = try #require(automatic.reason)
        #expect(reason.count <= AutomaticMail.maximumReasonCharacters)
        #expect(!reason.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(reason)")
    }
}
