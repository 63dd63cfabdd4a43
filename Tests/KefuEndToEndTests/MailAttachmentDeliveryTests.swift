import Foundation
import Glibc
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

/// Evidence sent "when asked" through the real SMTP server and msmtp: the files the reply
/// names travel as MIME attachments, received byte for byte; a reply whose evidence file went
/// missing is not sent at all.
@Suite("Mail delivery with evidence attachments (real SMTP server and msmtp)", .serialized)
struct MailAttachmentDeliveryTests {
    /// Two evidence files on an order: a photo with a non-ASCII name and a PDF.
    struct Evidence {
        let photoID: String
        let scanID: String
        let photo: [UInt8]
        let scan: [UInt8]
        let photoObject: String

        init(_ setup: DeliverySetup) throws {
            let store = try setup.store()
            try store.saveOrder(Order(
                id: "S-1001", marketplace: .shopify, customerName: "Claire Martin", placedAt: Date(timeIntervalSince1970: 1_795_000_000),
                total: 49, currency: "EUR", items: [OrderItem(sku: "PULL-M", title: "Pull", quantity: 1)], parcels: []))
            photo = (0..<700).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            scan = Array("%PDF-1.4\n% carrier scan of parcel RB123456785GB\n%%EOF\n".utf8)
            let photoPath = setup.scratch.path("Pesée colis.jpg")
            let scanPath = setup.scratch.path("scan.pdf")
            try Data(photo).write(to: URL(fileURLWithPath: photoPath))
            try Data(scan).write(to: URL(fileURLWithPath: scanPath))
            let locker = try SQLiteEvidenceLocker(store: store)
            let photoRecord = try locker.addEvidence(NewEvidence(file: URL(fileURLWithPath: photoPath), orderID: "S-1001", kind: .weighRecord, addedBy: "Li Wei"), now: Date()).record
            photoID = photoRecord.id
            scanID = try locker.addEvidence(NewEvidence(file: URL(fileURLWithPath: scanPath), orderID: "S-1001", kind: .carrierScan, addedBy: "Li Wei"), now: Date()).record.id
            photoObject = locker.fileLocation(of: photoRecord).path
        }
    }

    /// Base64 by Foundation (not Kefu's encoder): 76 columns, CRLF line ends.
    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    @Test("a reply with two evidence files reaches the SMTP server byte for byte: multipart/mixed, RFC 2231 filename, base64 of the stored files")
    func attachmentsByteForByte() throws {
        let scratch = try Scratch()
        let sink = try SMTPSink(scratch: scratch)
        let setup = try DeliverySetup(scratch: scratch, smtpPort: sink.port)
        let evidence = try Evidence(setup)
        let claire = try setup.ticketID(customer: "Claire Martin")
        let body = "Hello Claire,\n\nthe weigh record \(evidence.photoID) and the scan \(evidence.scanID) are attached.\n\nLi Wei"
        _ = try setup.store().send(
            ReplyRequest(ticketID: claire, body: body, author: "Li Wei", idempotencyKey: "att-1", attachEvidence: [evidence.photoID, evidence.scanID]),
            now: Date(timeIntervalSince1970: 1_795_600_000))
        let queued = try setup.outbox()
        #expect(queued.first?["attachments"] as? [String] == [evidence.photoID, evidence.scanID])
        let messageID = try #require(queued.first?["message_id"] as? String)
        #expect(try setup.kefu(["outbox"]).output.contains("attach: \(evidence.photoID), \(evidence.scanID)"))

        let delivered = try setup.kefu(["deliver"])
        #expect(delivered.output == "Delivered 1 replies, 0 found already handed over, 0 failed, 0 waiting to retry.\n")
        let received = try #require(sink.messages().first)
        let text = String(decoding: received, as: UTF8.self)
        // The boundary is derived from the Message-ID (deterministic); read it, then compare everything.
        let boundaryLine = try #require(text.range(of: "boundary=\"=_kefu_"))
        let boundary = String(text[boundaryLine.upperBound...].prefix { $0 != "\"" })
        #expect(boundary.count == 16 && boundary.allSatisfy(\.isHexDigit))
        let b = "=_kefu_" + boundary
        let expected = [
            "Date: Wed, 25 Nov 2026 17:46:40 +0800",
            "From: Shop Team <support@shop.example>",
            "To: Claire Martin <claire@client.example>",
            "Subject: Re: Taille du pull",
            "Message-ID: <\(messageID)>",
            "In-Reply-To: <t7@client.example>",
            "References: <t6@client.example> <t7@client.example>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed;",
            " boundary=\"\(b)\"",
            "",
            "This is a multi-part message in MIME format.",
            "",
            "--\(b)",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 7bit",
            "",
            "Hello Claire,",
            "",
            "the weigh record \(evidence.photoID) and the scan \(evidence.scanID) are attached.",
            "",
            "Li Wei",
            "",
            "--\(b)",
            "Content-Type: image/jpeg;",
            " name=\"=?UTF-8?Q?Pes=C3=A9e_colis=2Ejpg?=\"",
            "Content-Disposition: attachment;",
            " filename*=UTF-8''Pes%C3%A9e%20colis.jpg",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64(evidence.photo),
            "--\(b)",
            "Content-Type: application/pdf;",
            " name=\"scan.pdf\"",
            "Content-Disposition: attachment;",
            " filename=\"scan.pdf\"",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64(evidence.scan),
            "--\(b)--",
            "",
        ].joined(separator: "\r\n")
        #expect(text == expected)
        #expect(try setup.outbox().first?["state"] as? String == "sent")
        // The thread says what went with the reply.
        #expect(try setup.kefu(["show", "\(claire)"]).output.contains(" · sent · attach: \(evidence.photoID), \(evidence.scanID) ──"))
    }

    @Test("an evidence file missing at delivery: the reply fails naming the evidence, nothing reaches the server; restored, --retry sends it")
    func missingEvidenceFails() throws {
        let scratch = try Scratch()
        let sink = try SMTPSink(scratch: scratch)
        let setup = try DeliverySetup(scratch: scratch, smtpPort: sink.port)
        let evidence = try Evidence(setup)
        let claire = try setup.ticketID(customer: "Claire Martin")
        _ = try setup.store().send(
            ReplyRequest(ticketID: claire, body: "Hello Claire, see \(evidence.photoID).", author: "Li Wei", idempotencyKey: "att-2", attachEvidence: [evidence.photoID]),
            now: Date())
        let kept = scratch.path("kept-photo")
        #expect(rename(evidence.photoObject, kept) == 0)
        let first = try setup.kefu(["deliver"], check: false)
        #expect(first.status == 1)
        #expect(first.output.contains("0 replies") && first.output.contains("1 failed"))
        #expect(sink.messages().isEmpty)
        let row = try #require(try setup.outbox().first)
        #expect(row["state"] as? String == "failed")
        #expect((row["error"] as? String)?.hasPrefix("evidence \(evidence.photoID): its file is missing") == true)
        #expect(try setup.kefu(["outbox"]).output.contains("failed: evidence \(evidence.photoID): its file is missing"))
        #expect(try setup.kefu(["show", "\(claire)"]).output.contains("failed: evidence \(evidence.photoID)"))

        #expect(rename(kept, evidence.photoObject) == 0)
        #expect(try setup.kefu(["deliver", "--retry"]).output.hasPrefix("Delivered 1 replies"))
        let received = try #require(sink.messages().first)
        #expect(String(decoding: received, as: UTF8.self).contains(Self.base64(evidence.photo)))
    }

    @Test("evidence removed while a reply carrying it waits: kefu evidence rm says so, and the reply fails naming it instead of going without")
    func removedEvidenceFails() throws {
        let scratch = try Scratch()
        let sink = try SMTPSink(scratch: scratch)
        let setup = try DeliverySetup(scratch: scratch, smtpPort: sink.port)
        let evidence = try Evidence(setup)
        let claire = try setup.ticketID(customer: "Claire Martin")
        _ = try setup.store().send(
            ReplyRequest(ticketID: claire, body: "Hello Claire, see \(evidence.scanID).", author: "Li Wei", idempotencyKey: "att-3", attachEvidence: [evidence.scanID]),
            now: Date())
        let removed = try setup.kefu(["evidence", "rm", evidence.scanID, "--confirm", evidence.scanID, "--reason", "wrong parcel"])
        #expect(removed.output.hasPrefix("Removed \(evidence.scanID)"))
        #expect(removed.error.contains("Note: 1 reply in the outbox carries \(evidence.scanID) as an attachment; kefu deliver will mark it failed"))
        let delivered = try setup.kefu(["deliver", "--retry"], check: false)
        #expect(delivered.status == 1)
        #expect(sink.messages().isEmpty)
        let row = try #require(try setup.outbox().first)
        #expect((row["error"] as? String)?.hasPrefix("evidence \(evidence.scanID) was removed from the evidence locker after the reply was queued") == true)
    }

    @Test("console: Ctrl-O shows attach: EV-… under the reply, the choice survives kill -9 with the draft, and the sent email carries the file")
    func consoleToggle() throws {
        let scratch = try Scratch()
        let sink = try SMTPSink(scratch: scratch)
        let setup = try DeliverySetup(scratch: scratch, smtpPort: sink.port)
        let evidence = try Evidence(setup)
        func openClairesComposer() throws -> Tmux {
            let tmux = try Tmux(command: [KefuBinary.path, "--db", setup.db], environment: ["KEFU_CONFIG": setup.config])
            try tmux.waitFor(text: "Queue · needs reply · 1/")
            try tmux.press("/")
            try tmux.type("Claire")
            try tmux.press("Enter")
            try tmux.press("Enter")
            try tmux.waitFor(text: "── Customer · ")
            try tmux.press("r")
            try tmux.waitFor(text: "Reply to Claire")
            return tmux
        }
        let first = try openClairesComposer()
        try first.type("Bonjour Claire, voici la pesee \(evidence.photoID). Li Wei")
        try first.press("C-o")
        try first.waitFor(text: "attach: \(evidence.photoID)")
        // The draft (text and choice) is saved a second after the last key; then the console dies.
        try first.waitFor(text: "draft saved")
        kill(try first.panePID(), SIGKILL)
        let tmux = try openClairesComposer()
        try tmux.waitFor(text: "Draft restored")
        try tmux.waitFor(text: "attach: \(evidence.photoID)")
        try tmux.press("C-s")
        let asked = try tmux.waitFor("sent or a question") { $0.contains("Reply sent to ") || $0.contains("Send anyway? y/n") }
        if !asked.contains("Reply sent to ") { try tmux.press("y") }
        try tmux.waitFor(text: "Reply sent to ")
        // Send and next moved the thread on; p goes back to the ticket just answered.
        try tmux.press("p")
        #expect(try setup.outbox().first?["attachments"] as? [String] == [evidence.photoID])
        try tmux.waitFor(text: " · queued · attach: \(evidence.photoID) ──")
        try setup.kefu(["deliver"])
        try tmux.waitFor(text: " · sent · attach: \(evidence.photoID) ──")
        let text = String(decoding: try #require(sink.messages().first), as: UTF8.self)
        #expect(text.contains("filename*=UTF-8''Pes%C3%A9e%20colis.jpg"))
        #expect(text.contains(Self.base64(evidence.photo)))
    }
}
