import Foundation
import Glibc
@testable import KefuChannels
import KefuCore
import KefuMail
import KefuStore
import KefuTestSupport
import Testing

@Suite("Outbox rows and handoffs")
struct OutboxTests {
    /// The thread corpus imported, then a reply queued to Claire's conversation.
    func queuedReply(domain: String? = "shop.example") throws -> (TemporaryStore, Ticket) {
        let temporary = try TemporaryStore()
        if let domain { try temporary.store.setMeta("mail.message_id_domain", domain) }
        try MailboxImporter(store: temporary.store, evidence: nil, source: "maildir").run(try MaildirReader(directory: ChannelFixtures.threads))
        let claire = try #require(try temporary.store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 50)
            .first { $0.customerName == "Claire Martin" })
        _ = try temporary.store.send(ReplyRequest(ticketID: claire.id, body: "Merci !", author: "Li Wei", idempotencyKey: "k1"),
                                     now: Date(timeIntervalSince1970: 1_795_600_000))
        return (temporary, claire)
    }

    @Test("the Message-ID is fixed when the reply is queued, on the configured domain; threading ids come from the mail")
    func fixedAtQueueTime() throws {
        let (temporary, claire) = try queuedReply()
        let entry = try #require(try temporary.store.outboxEntries().first)
        #expect(entry.state == .queued && entry.attempts == 0)
        #expect(entry.mailMessageID.hasPrefix("kefu.1.") && entry.mailMessageID.hasSuffix("@shop.example"))
        #expect(entry.queuedAt == Date(timeIntervalSince1970: 1_795_600_000))
        #expect(entry.isMailConversation)
        #expect(entry.inReplyTo == "t7@client.example")
        #expect(entry.references == ["t6@client.example", "t7@client.example"])
        // Read again later: the same id (it is stored, not derived).
        #expect(try temporary.store.outboxEntry(id: entry.id)?.mailMessageID == entry.mailMessageID)
        // A second reply cites the first one too.
        _ = try temporary.store.send(ReplyRequest(ticketID: claire.id, body: "Et voici le suivi.", author: "Li Wei", idempotencyKey: "k2"),
                                     now: Date(timeIntervalSince1970: 1_795_600_600))
        let second = try #require(try temporary.store.outboxEntries().last)
        #expect(second.references == ["t6@client.example", "t7@client.example", entry.mailMessageID])
        #expect(second.inReplyTo == "t7@client.example")
        #expect(second.mailMessageID != entry.mailMessageID)
    }

    @Test("without a configured domain the Message-ID still is unique, on kefu.invalid")
    func defaultDomain() throws {
        let (temporary, _) = try queuedReply(domain: nil)
        #expect(try temporary.store.outboxEntries().first?.mailMessageID.hasSuffix("@kefu.invalid") == true)
    }

    @Test("claiming, failing and sending change states once; a sent row cannot be claimed again")
    func states() throws {
        let (temporary, _) = try queuedReply()
        let store = temporary.store
        let rule = OutboxClaimRule(leaseSeconds: 60, maximumAttempts: 5)
        let now = Date()
        let first = try #require(try store.claimNextDue(rule: rule, now: now))
        let id = first.entry.id
        #expect(try store.beginHandoff(first.lease, route: "email", leaseSeconds: 60, now: now))
        try store.markFailed(first.lease, reason: "msmtp: cannot connect", retryAt: now.addingTimeInterval(30), now: now)
        var entry = try #require(try store.outboxEntry(id: id))
        #expect(entry.state == .failed && entry.attempts == 1 && entry.lastError == "msmtp: cannot connect")
        #expect(try store.claimNextDue(rule: rule, now: now.addingTimeInterval(29)) == nil, "not due before its retry time")
        let second = try #require(try store.claimNextDue(rule: rule, now: now.addingTimeInterval(31)))
        #expect(try store.beginHandoff(second.lease, route: "email", leaseSeconds: 60, now: now.addingTimeInterval(31)))
        try store.markSent(id: id, route: "email", now: now.addingTimeInterval(31))
        entry = try #require(try store.outboxEntry(id: id))
        #expect(entry.state == .sent && entry.attempts == 2 && entry.lastError == nil && entry.handedOverAt != nil)
        #expect(try !store.beginHandoff(second.lease, route: "email", leaseSeconds: 60, now: now.addingTimeInterval(32)))
        #expect(try store.claimNextDue(rule: OutboxClaimRule(leaseSeconds: 60, maximumAttempts: 5, retryFailedBefore: .distantFuture), now: now.addingTimeInterval(99)) == nil)
        try store.markFailed(second.lease, reason: "late", retryAt: now, now: now.addingTimeInterval(33))
        #expect(try store.outboxEntry(id: id)?.state == .sent)
        let message = try #require(try store.messages(ticketID: entry.ticketID).last)
        #expect(message.delivery?.label == "sent (2 attempts)")
    }

    @Test("JSON Lines: a reply written before is found by its key and not written again")
    func jsonLines() throws {
        let (temporary, _) = try queuedReply()
        let scratch = try ScratchFolder()
        let handoff = JSONLinesHandoff(folder: scratch.path("market"))
        let entry = try #require(try temporary.store.outboxEntries().first)
        #expect(try !handoff.contains(entry.idempotencyKey))
        try handoff.deliver(entry, line: try JSONLinesHandoff.line(entry), checkFirst: true)
        try handoff.deliver(entry, line: try JSONLinesHandoff.line(entry), checkFirst: true)
        let text = try String(contentsOfFile: handoff.path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 1)
        #expect(try handoff.contains("k1"))
        #expect(try !handoff.contains("k"))  // a prefix of a key is not the key
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["subject"] as? String == "Re: Taille du pull")
        #expect(object["message_id"] as? String == entry.mailMessageID)
    }

    @Test("spool file names keep Message-IDs apart and never leave the folder")
    func spoolNames() throws {
        let scratch = try ScratchFolder()
        let spool = try DeliverySpool(folder: scratch.path("spool"))
        #expect(spool.messagePath("kefu.1.ab@shop.example") == scratch.path("spool") + "/kefu.1.ab@shop.example.eml")
        #expect(spool.messagePath("../../etc/passwd@x").hasPrefix(scratch.path("spool") + "/%2E.%2F"))
        #expect(spool.journalPath("a/b@x") != spool.journalPath("a_b@x"))
        #expect(!spool.isHandedOver("kefu.1.ab@shop.example"))
        try spool.recordHandedOver("kefu.1.ab@shop.example", note: "test")
        #expect(spool.isHandedOver("kefu.1.ab@shop.example"))
    }
}

@Suite("Outbox spool sweep")
struct SpoolSweepTests {
    @Test("the sweep removes staged files and journals of sent replies and temporary files of dead processes; nothing else")
    func sweep() throws {
        let temporary = try TemporaryStore()
        try temporary.store.setMeta("mail.message_id_domain", "shop.example")
        _ = try temporary.store.ingest([Fixture.message("c1", conversation: "amz-1", at: 0), Fixture.message("c2", conversation: "amz-2", at: 1)])
        let tickets = try temporary.store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 10)
        for (index, ticket) in tickets.enumerated() {
            _ = try temporary.store.send(ReplyRequest(ticketID: ticket.id, body: "Danke.", author: "Li Wei", idempotencyKey: "s\(index)"), now: Date())
        }
        let entries = try temporary.store.outboxEntries()
        let sent = entries[0].mailMessageID
        let queued = entries[1].mailMessageID
        try temporary.store.markSent(id: entries[0].id, route: "jsonl", now: Date())
        #expect(try temporary.store.isOutboxSent(mailMessageID: sent))
        #expect(try !temporary.store.isOutboxSent(mailMessageID: queued))
        #expect(try !temporary.store.isOutboxSent(mailMessageID: "kefu.1.0000@elsewhere.example"))

        let scratch = try ScratchFolder()
        let spool = try DeliverySpool(folder: scratch.path("spool"))
        close(try spool.stageAndLock(sent, bytes: Array("line".utf8), as: .line))
        try spool.recordHandedOver(sent, note: "test")
        close(try spool.stageAndLock(queued, bytes: Array("mail".utf8)))
        let foreign = spool.messagePath("someone-else@example.com")
        FileManager.default.createFile(atPath: foreign, contents: Data("x".utf8))
        // A process id that is not running (pid_max is far below this on Linux) and ours.
        let deadTemporary = spool.folder + "/.tmp-999999999-abc"
        let liveTemporary = spool.folder + "/.err-\(getpid())-abc"
        FileManager.default.createFile(atPath: deadTemporary, contents: nil)
        FileManager.default.createFile(atPath: liveTemporary, contents: nil)

        let isSent: (String) throws -> Bool = { try temporary.store.isOutboxSent(mailMessageID: $0) }
        // A staged file still locked (a handoff running) stays until the lock goes.
        let held = open(spool.messagePath(sent, .line), O_RDONLY)
        #expect(flock(held, LOCK_EX) == 0)
        #expect(try spool.sweep(isSent: isSent) == 2)  // the journal and the dead process's file
        #expect(FileManager.default.fileExists(atPath: spool.messagePath(sent, .line)))
        close(held)
        #expect(try spool.sweep(isSent: isSent) == 1)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: spool.folder))
        #expect(left == [URL(fileURLWithPath: spool.messagePath(queued)).lastPathComponent, "someone-else@example.com.eml", ".err-\(getpid())-abc"])
        #expect(DeliverySpool.messageID(fromStem: Substring(DeliverySpool.fileStem("../a b%@x"))) == "../a b%@x")
    }
}
