import Foundation
import Glibc
import KefuChannels
import KefuCore
import KefuMail
import KefuStore
import KefuTestSupport
import Testing

/// Evidence sent with a reply "when asked": recorded with the outbox row in the reply's own
/// transaction, read from the evidence store at delivery and checked against the hash recorded
/// then; a reply whose evidence is gone or changed fails, naming the evidence, and is not sent.
@Suite("Outbox: evidence attachments")
struct OutboxAttachmentTests {
    struct Setup {
        let temporary: TemporaryStore
        let scratch: ScratchFolder
        let claire: Ticket
        let photoID: String
        let scanID: String
        let photo: [UInt8]
        let locker: SQLiteEvidenceLocker

        var store: SQLiteTicketStore { temporary.store }

        init() throws {
            temporary = try TemporaryStore()
            scratch = try ScratchFolder()
            try temporary.store.setMeta("mail.message_id_domain", "shop.example")
            try MailboxImporter(store: temporary.store, evidence: nil, source: "maildir").run(try MaildirReader(directory: ChannelFixtures.threads))
            claire = try #require(try temporary.store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 50)
                .first { $0.customerName == "Claire Martin" })
            try temporary.store.saveOrder(Order(
                id: "S-1001", marketplace: .shopify, customerName: "Claire Martin", placedAt: Date(timeIntervalSince1970: 1_795_000_000),
                total: 49, currency: "EUR", items: [OrderItem(sku: "PULL-M", title: "Pull", quantity: 1)], parcels: []))
            locker = try SQLiteEvidenceLocker(store: temporary.store)
            photo = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
            let photoPath = scratch.path("Pesée colis.jpg")
            try Data(photo).write(to: URL(fileURLWithPath: photoPath))
            let scanPath = scratch.path("scan.pdf")
            try Data("%PDF-1.4 carrier scan".utf8).write(to: URL(fileURLWithPath: scanPath))
            photoID = try locker.addEvidence(NewEvidence(file: URL(fileURLWithPath: photoPath), orderID: "S-1001", kind: .weighRecord, addedBy: "Li Wei"), now: Date()).record.id
            scanID = try locker.addEvidence(NewEvidence(file: URL(fileURLWithPath: scanPath), orderID: "S-1001", kind: .carrierScan, addedBy: "Li Wei"), now: Date()).record.id
        }

        func deliverer(_ settings: MailSettings = MailSettings(from: MailAddress(name: "Shop", address: "support@shop.example"), sendmail: ["/bin/true"])) throws -> OutboxDeliverer {
            OutboxDeliverer(store: store, settings: settings, spool: try DeliverySpool(folder: scratch.path("spool")), handoffLauncher: ["/bin/false"],
                           attachmentFiles: ReplyAttachmentFiles(nextToStore: store.path))
        }

        func objectPath(_ id: String) throws -> String {
            let record = try #require(try locker.evidence(id: id))
            return locker.fileLocation(of: record).path
        }
    }

    @Test("the evidence asked for is recorded with the reply: id, original name, type, hash, in the order asked")
    func recordedWithTheReply() throws {
        let setup = try Setup()
        _ = try setup.store.send(ReplyRequest(
            ticketID: setup.claire.id, body: "Voir \(setup.scanID) et \(setup.photoID).", author: "Li Wei", idempotencyKey: "a1",
            attachEvidence: [setup.scanID, setup.photoID, setup.scanID.lowercased()]), now: Date())
        let entry = try #require(try setup.store.outboxEntries().first)
        #expect(entry.attachments.map(\.evidenceID) == [setup.scanID, setup.photoID])
        #expect(entry.attachments.map(\.filename) == ["scan.pdf", "Pesée colis.jpg"])
        #expect(entry.attachments.map(\.contentType) == ["application/pdf", "image/jpeg"])
        #expect(entry.attachments[1].sha256 == EvidenceHash.hex(of: setup.photo))
        #expect(entry.attachments.allSatisfy { $0.stillRecorded })
    }

    @Test("an evidence id that names no record stops the send: no message, no outbox row, the draft stays")
    func unknownEvidenceStopsTheSend() throws {
        let setup = try Setup()
        try setup.store.saveDraft(ticketID: setup.claire.id, body: "Voir EV-FFFF.", now: Date())
        let before = try setup.store.messages(ticketID: setup.claire.id).count
        #expect(throws: ReplyAttachmentError.unknownEvidence("EV-FFFF")) {
            try setup.store.send(ReplyRequest(ticketID: setup.claire.id, body: "Voir EV-FFFF.", author: "Li Wei", idempotencyKey: "a2",
                                              attachEvidence: ["EV-FFFF"]), now: Date())
        }
        #expect(try setup.store.messages(ticketID: setup.claire.id).count == before)
        #expect(try setup.store.outboxEntries().isEmpty)
        #expect(try setup.store.draft(ticketID: setup.claire.id) == "Voir EV-FFFF.")
    }

    @Test("the email carries the evidence files: multipart/mixed, RFC 2231 name, bytes that decode back exactly, same bytes every time")
    func emailCarriesTheFiles() throws {
        let setup = try Setup()
        _ = try setup.store.send(ReplyRequest(
            ticketID: setup.claire.id, body: "Voici la pesée: \(setup.photoID).", author: "Li Wei", idempotencyKey: "a3",
            attachEvidence: [setup.photoID]), now: Date(timeIntervalSince1970: 1_795_600_000))
        let entry = try #require(try setup.store.outboxEntries().first)
        let deliverer = try setup.deliverer()
        let loaded = try deliverer.attachmentFiles.load(entry.attachments)
        let bytes = try deliverer.email(entry, attachments: loaded)
        #expect(try deliverer.email(entry, attachments: try deliverer.attachmentFiles.load(entry.attachments)) == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("Content-Type: multipart/mixed;\r\n boundary=\"=_kefu_"))
        #expect(text.contains("Content-Disposition: attachment;\r\n filename*=UTF-8''Pes%C3%A9e%20colis.jpg\r\n"))
        #expect(text.contains("Content-Type: image/jpeg;\r\n name="))
        let parsed = try MailParser().parse(bytes)
        #expect(parsed.attachments.count == 1)
        #expect(parsed.attachments.first?.filename == "Pesée colis.jpg")
        #expect(parsed.attachments.first?.data == setup.photo)
        #expect(parsed.text.contains("Voici la pesée"))
    }

    @Test("a missing evidence file fails the reply with the evidence id; nothing is handed over")
    func missingFileFails() throws {
        let setup = try Setup()
        _ = try setup.store.send(ReplyRequest(
            ticketID: setup.claire.id, body: "Voir \(setup.photoID).", author: "Li Wei", idempotencyKey: "a4", attachEvidence: [setup.photoID]), now: Date())
        let object = try setup.objectPath(setup.photoID)
        #expect(unlink(object) == 0)
        let pass = try setup.deliverer().deliverPending()
        #expect(pass.failed == 1 && pass.sent == 0)
        let entry = try #require(try setup.store.outboxEntries().first)
        #expect(entry.state == .failed && entry.attempts == 0)
        #expect(entry.lastError?.hasPrefix("evidence \(setup.photoID): its file is missing") == true)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: setup.scratch.path("spool"))) ?? []).isEmpty)
    }

    @Test("a changed evidence file or a removed record fails the reply, naming the evidence")
    func changedOrRemovedFails() throws {
        let setup = try Setup()
        _ = try setup.store.send(ReplyRequest(
            ticketID: setup.claire.id, body: "Voir \(setup.photoID).", author: "Li Wei", idempotencyKey: "a5", attachEvidence: [setup.photoID]), now: Date())
        let object = try setup.objectPath(setup.photoID)
        chmod(object, 0o600)
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: object))
        _ = try setup.deliverer().deliverPending()
        let changed = try #require(try setup.store.outboxEntries().first)
        #expect(changed.state == .failed)
        #expect(changed.lastError?.hasPrefix("evidence \(setup.photoID): its file no longer matches SHA-256 ") == true)

        _ = try setup.store.send(ReplyRequest(
            ticketID: setup.claire.id, body: "Voir \(setup.scanID).", author: "Li Wei", idempotencyKey: "a6", attachEvidence: [setup.scanID]), now: Date())
        _ = try setup.locker.removeEvidence(id: setup.scanID, reason: "wrong order", removedBy: "Li Wei", now: Date())
        let deliverer = try setup.deliverer()
        deliverer.retryNow = true
        _ = try deliverer.deliverPending()
        let removed = try #require(try setup.store.outboxEntries().last)
        #expect(removed.state == .failed)
        #expect(removed.lastError?.hasPrefix("evidence \(setup.scanID) was removed from the evidence locker after the reply was queued") == true)
    }

    @Test("a marketplace reply lists its attachments in the JSON line: id, filename, type, sha256, size, path")
    func jsonLineListsAttachments() throws {
        let setup = try Setup()
        _ = try setup.store.ingest([Fixture.message("chat-1", conversation: "amz-chat-1", at: 0)])
        let chat = try #require(try setup.store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 50).first { $0.conversation == "amz-chat-1" })
        _ = try setup.store.send(ReplyRequest(
            ticketID: chat.id, body: "Siehe \(setup.photoID).", author: "Li Wei", idempotencyKey: "j1", attachEvidence: [setup.photoID]), now: Date())
        let pass = try setup.deliverer(MailSettings(marketplaceOutbox: setup.scratch.path("market"))).deliverPending()
        #expect(pass.sent == 1)
        let text = try String(contentsOfFile: setup.scratch.path("market") + "/replies.jsonl", encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let listed = try #require(object["attachments"] as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(listed[0]["id"] as? String == setup.photoID)
        #expect(listed[0]["filename"] as? String == "Pesée colis.jpg")
        #expect(listed[0]["type"] as? String == "image/jpeg")
        #expect(listed[0]["sha256"] as? String == EvidenceHash.hex(of: setup.photo))
        #expect(listed[0]["size"] as? Int == setup.photo.count)
        let path = try #require(listed[0]["path"] as? String)
        #expect(path == (try setup.objectPath(setup.photoID)))
        #expect(FileManager.default.contents(atPath: path).map { [UInt8]($0) } == setup.photo)
    }
}
