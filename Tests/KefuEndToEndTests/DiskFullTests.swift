import Foundation
import Glibc
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

/// A full disk, made with the file size limit (`ulimit -f`, RLIMIT_FSIZE) on the kefu process,
/// SIGXFSZ ignored so a write past it fails with EFBIG as on a full disk. Needs no root (a
/// process may always lower its own limit), so it runs the same on a developer's machine and
/// in CI. Each time: a clear error, the store still opens and passes its integrity check, and
/// nothing acknowledged before the failure is lost.
@Suite("Disk full (RLIMIT_FSIZE)", .serialized)
struct DiskFullTests {
    /// `kefu ARGUMENTS` with writes limited to `kilobytes` per file.
    static func limited(_ kilobytes: Int, _ arguments: [String], environment: [String: String] = [:]) throws -> Shell.Result {
        let quoted = ([KefuBinary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try Shell.run(["/bin/bash", "-c", "trap '' XFSZ; ulimit -f \(kilobytes); exec \(quoted)"], environment: environment, check: false)
    }

    @Test("ingest on a full disk: a clear error; the store opens, is sound, and a run with room adds the rest exactly once")
    func ingest() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let input = scratch.path("m.jsonl")
        let count = 12_000
        var lines = ""
        for index in 0..<count {
            lines += #"{"id":"m-\#(index)","conversation":"c-\#(index % 2000)","channel":"email","direction":"in","from":"b\#(index)@x.example","at":"2026-11-23T08:15:00Z","subject":"Where is my parcel","body":"\#(String(repeating: "Hello ", count: 40))"}"# + "\n"
        }
        try lines.write(toFile: input, atomically: true, encoding: .utf8)
        let full = try Self.limited(2500, ["ingest", input, "--db", db])
        #expect(full.status == 1)
        #expect(full.error.contains("the disk is full or a file size limit was reached"), "\(full.error)")
        #expect(full.error.contains("everything stored before it is kept"))
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.integrityCheck() == ["ok"])
        let kept = try store.tableCounts().messages
        #expect(kept < count)
        let room = try KefuBinary.run(["ingest", input, "--db", db], check: false)
        #expect(room.status == 0, "\(room.error)")
        #expect(room.output.contains("Ingested \(count - kept) messages"), "\(room.output)")
        #expect(room.output.contains("\(kept) already stored"))
        #expect(try store.tableCounts().messages == count)
        #expect(try store.tableCounts().distinctMessageIDs == count)
    }

    @Test("evidence add on a full disk: refused, no record, no file left half-written")
    func evidence() throws {
        let fixture = try OrderFixture()
        let photo = try fixture.file("big.jpg", bytes: 3 << 20)
        let full = try Self.limited(1024, ["evidence", "add", "--order", OrderFixture.orderID, photo, "--kind", "photo", "--db", fixture.db],
                                    environment: fixture.environment)
        #expect(full.status != 0)
        #expect(full.error.contains("File too large") || full.error.contains("disk"), "\(full.error)")
        #expect(try fixture.evidenceRows().isEmpty)
        #expect(fixture.objects().isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: fixture.temporaryFolder)) ?? []).isEmpty)
        let store = try SQLiteTicketStore(path: fixture.db, policy: TestPolicy.standard)
        #expect(try store.integrityCheck() == ["ok"])
        // With room, the same file goes in.
        #expect(try fixture.kefu(["evidence", "add", "--order", OrderFixture.orderID, photo, "--kind", "photo"]).status == 0)
        #expect(try fixture.evidenceRows().count == 1)
    }

    /// A Maildir of `count` small messages in cur/ (the reader takes cur/ first, so they fill
    /// the importer's first batch of 5,000) and, in new/, `late` more of which one carries an
    /// attachment of `attachment` bytes.
    static func maildir(_ folder: String, count: Int, late: Int, attachment: Int) throws {
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        func plain(_ index: Int) -> String {
            "From: Buyer \(index % 40) <b\(index % 40)@x.example>\r\nTo: support@shop.example\r\nSubject: Parcel \(index % 40)\r\n"
                + "Message-ID: <m\(index)@x.example>\r\nDate: Mon, 23 Nov 2026 08:15:00 +0000\r\n\r\nWhere is parcel \(index)?\r\n"
        }
        for index in 0..<count {
            try plain(index).write(toFile: "\(folder)/cur/\(index).test:2,S", atomically: false, encoding: .utf8)
        }
        for index in count..<(count + late) where index != count + late / 2 {
            try plain(index).write(toFile: "\(folder)/new/\(index).test", atomically: false, encoding: .utf8)
        }
        let photo = Data((0..<attachment).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 11) })
        let big = "From: Buyer 1 <b1@x.example>\r\nTo: support@shop.example\r\nSubject: Broken mug\r\nMessage-ID: <photo@x.example>\r\n"
            + "Date: Mon, 23 Nov 2026 08:15:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nThe mug arrived broken, photo attached.\r\n"
            + "--b\r\nContent-Type: image/jpeg; name=\"mug.jpg\"\r\nContent-Disposition: attachment; filename=\"mug.jpg\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + photo.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\r\n--b--\r\n"
        try big.write(toFile: "\(folder)/new/\(count + late / 2).test", atomically: false, encoding: .utf8)
    }

    @Test("import maildir on a full disk: stops at the attachment with a clear error (not a quarantine); the store is sound; a run with room adds the rest exactly once")
    func importMaildir() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let mailbox = scratch.path("Maildir")
        // Batches of 500: the first commits, then the attachment in the second finds no room.
        let (count, late) = (500, 50)
        try Self.maildir(mailbox, count: count, late: late, attachment: 12 << 20)
        let full = try Self.limited(8 * 1024, ["import", "maildir", mailbox, "--db", db, "--batch-size", "\(count)"])
        #expect(full.status == 1)
        #expect(full.error.contains("cannot write the evidence store at \(scratch.path("k-evidence")): the disk is full or a file size limit was reached (File too large)"), "\(full.error)")
        #expect(full.error.contains("The batch of messages in progress was not stored; everything stored before it is kept. Free some space and run the command again."), "\(full.error)")
        #expect(!full.error.contains("quarantined"), "\(full.error)")
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.integrityCheck() == ["ok"])
        let kept = try store.tableCounts()
        #expect(kept.messages == count, "the first batch was committed: \(kept)")
        #expect(kept.quarantined == 0, "a full disk is not the message's fault: \(kept)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: scratch.path("k-evidence/tmp"))) ?? []).isEmpty)

        let room = try KefuBinary.run(["import", "maildir", mailbox, "--db", db], check: false)
        #expect(room.status == 0, "\(room.error)")
        #expect(room.output.contains("Imported \(late) messages"), "\(room.output)")
        #expect(room.output.contains("1 attachment") && room.output.contains("\(count) already stored, 0 quarantined"), "\(room.output)")
        let after = try store.tableCounts()
        #expect(after.messages == count + late && after.distinctMessageIDs == count + late && after.quarantined == 0, "\(after)")
        #expect(try store.integrityCheck() == ["ok"])
    }

    /// A reply to the ticket of `customer` with the given evidence, queued as the console would.
    static func queue(_ setup: DeliverySetup, _ customer: String, key: String, attach: [String] = []) throws -> Int64 {
        let ticket = try setup.ticketID(customer: customer)
        _ = try setup.store().send(
            ReplyRequest(ticketID: ticket, body: "Hello,\n\nyour parcel is on its way.\n\nLi Wei", author: "Li Wei", idempotencyKey: key, attachEvidence: attach),
            now: Date())
        return ticket
    }

    @Test("deliver on a full disk: stops at the reply it cannot stage, says which, hands nothing over twice; with room the rest goes exactly once")
    func deliver() throws {
        let scratch = try Scratch()
        let sink = try SMTPSink(scratch: scratch)
        let setup = try DeliverySetup(scratch: scratch, smtpPort: sink.port)
        let store = try setup.store()
        try store.saveOrder(Order(
            id: "S-1001", marketplace: .shopify, customerName: "Claire Martin", placedAt: Date(timeIntervalSince1970: 1_795_000_000),
            total: 49, currency: "EUR", items: [OrderItem(sku: "PULL-M", title: "Pull", quantity: 1)], parcels: []))
        let photo = scratch.path("photo.jpg")
        try Data((0..<(1_500_000)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: URL(fileURLWithPath: photo))
        let evidence = try SQLiteEvidenceLocker(store: store).addEvidence(
            NewEvidence(file: URL(fileURLWithPath: photo), orderID: "S-1001", kind: .photo, addedBy: "Li Wei"), now: Date()).record.id
        _ = try Self.queue(setup, "Tom Baker", key: "full-1")
        let claire = try Self.queue(setup, "Claire Martin", key: "full-2", attach: [evidence])
        let quoted = ([KefuBinary.path, "deliver", "--db", setup.db]).map { "'" + $0 + "'" }.joined(separator: " ")
        let limited = try Shell.run(["/bin/bash", "-c", "trap '' XFSZ; ulimit -f 1024; exec \(quoted)"], environment: ["KEFU_CONFIG": setup.config], check: false)
        #expect(limited.status == 1)
        #expect(limited.error.contains("cannot write the delivery spool at \(scratch.path("outbox-spool")): the disk is full or a file size limit was reached (File too large)"), "\(limited.error)")
        #expect(limited.error.contains("(ticket #\(claire)) was not handed over and stays in the outbox for the next run; 1 reply handed over before it is recorded as sent"), "\(limited.error)")
        #expect(sink.messages().count == 1)
        var rows = try setup.outbox()
        #expect(rows.map { $0["state"] as? String } == ["sent", "queued"], "\(rows)")
        #expect(rows.last?["attempts"] as? Int == 0, "no room is not a failed attempt: \(rows)")
        #expect(try store.integrityCheck() == ["ok"])
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: scratch.path("outbox-spool"))).contains { $0.hasPrefix(".tmp-") })

        let room = try setup.kefu(["deliver"], check: false)
        #expect(room.status == 0, "\(room.error)")
        #expect(room.output.hasPrefix("Delivered 1 replies"), "\(room.output)")
        rows = try setup.outbox()
        #expect(rows.allSatisfy { $0["state"] as? String == "sent" }, "\(rows)")
        let ids = sink.messages().compactMap { bytes in
            String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").first { $0.hasPrefix("Message-ID: <") }.map(String.init)
        }
        #expect(ids.count == 2 && Set(ids).count == 2, "each reply received once: \(ids)")
        #expect(Set(ids) == Set(rows.compactMap { ($0["message_id"] as? String).map { "Message-ID: <\($0)>" } }))
    }

    @Test("deliver to the JSON Lines outbox on a full disk: no part of a line is left (a part with the key would pass for the reply); with room it is written once")
    func deliverJSONLines() throws {
        let scratch = try Scratch()
        let setup = try DeliverySetup(scratch: scratch, smtpPort: try SMTPSink.freePort())
        let store = try setup.store()
        _ = try store.ingest([Fixture.message("jsonl-1", conversation: "amz-chat-1", at: 0, order: "114-1234567-1234567")])
        let chat = try #require(try store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 50).first { $0.conversation == "amz-chat-1" })
        _ = try store.send(ReplyRequest(ticketID: chat.id, body: String(repeating: "Ihr Paket ist unterwegs. ", count: 20), author: "Li Wei", idempotencyKey: "amz-full-1"), now: Date())
        // The connector's file is 300 bytes short of the limit (4 MiB, above the store's own
        // files): the line starts to fit, then does not.
        try FileManager.default.createDirectory(atPath: setup.marketOutbox, withIntermediateDirectories: true)
        let file = setup.marketOutbox + "/replies.jsonl"
        let filler = String(repeating: "{\"old\":\"line\"}\n", count: (4096 * 1024 - 300) / 15)
        try filler.write(toFile: file, atomically: false, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let quoted = ([KefuBinary.path, "deliver", "--db", setup.db]).map { "'" + $0 + "'" }.joined(separator: " ")
        let limited = try Shell.run(["/bin/bash", "-c", "trap '' XFSZ; ulimit -f 4096; exec \(quoted)"], environment: ["KEFU_CONFIG": setup.config], check: false)
        #expect(limited.status == 1)
        #expect(limited.error.contains("cannot write the marketplace outbox at \(file): the disk is full or a file size limit was reached"), "\(limited.error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before, "the file is as it was")
        #expect(try store.integrityCheck() == ["ok"])

        let room = try setup.kefu(["deliver"], check: false)
        #expect(room.status == 0, "\(room.error)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix(filler))
        #expect(text.components(separatedBy: "\"idempotency_key\":\"amz-full-1\"").count == 2, "written once")
        #expect(try setup.outbox().first?["state"] as? String == "sent")
    }

    /// Whether this process may mount a tmpfs (root, as CI runs): a real full disk, ENOSPC.
    static let tmpfsMounts: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-tmpfs-probe-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? Shell.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe]))?.status == 0 else { return false }
        _ = try? Shell.run(["umount", probe])
        return true
    }()

    /// Fills the file system holding `folder` to the last byte (a file written until ENOSPC).
    static func fill(_ folder: String) -> String {
        let path = folder + "/filler"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0x5A, count: 4096)
        while chunk.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        var byte: UInt8 = 0
        while write(descriptor, &byte, 1) == 1 {}
        return path
    }

    @Test("Ctrl-S in the console on a full disk (a full tmpfs): the status bar says so, the reply stays in the composer, nothing is queued; with room the same Ctrl-S sends it once",
          .enabled(if: DiskFullTests.tmpfsMounts, "needs root to mount a tmpfs"))
    func consoleSend() throws {
        let scratch = try Scratch()
        let disk = scratch.path("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try Shell.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", disk])
        defer { _ = try? Shell.run(["umount", "-l", disk]) }
        let db = disk + "/k.sqlite"
        try KefuBinary.run(["ingest", "--db", db, "-"],
                           input: StoreSharingTests.line(id: "a1", conversation: "c1", minutesAgo: 30, from: "Anna Müller <anna@example.de>", subject: "Wo ist mein Paket", body: "Hallo") + "\n")
        do {
            let tmux = try Tmux(command: [KefuBinary.path, "--db", db], rows: 30, cols: 220)
            try tmux.waitFor(text: "Anna Müller")
            try tmux.press("r")
            try tmux.waitFor(text: "Reply to Anna Müller")
            try tmux.type("Guten Tag Anna, Ihr Paket ist unterwegs: DHL 00340434161094042557. Danke!")
            let filler = Self.fill(disk)
            try tmux.press("C-s")
            let refused = try tmux.waitFor("the refusal", timeout: 20) { screen in
                if screen.contains("Send anyway? y/n") { try? tmux.press("y") }
                return screen.contains("Not sent: the disk is full or a file size limit was reached. Nothing was done; the reply stays in the composer")
            }
            #expect(refused.contains("Ihr Paket ist unterwegs: DHL 00340434161094042557"), "the reply is still in the composer:\n\(refused)")
            #expect(!refused.contains("Reply sent"))
            try FileManager.default.removeItem(atPath: filler)
            try tmux.press("C-s")
            try tmux.waitFor("the reply to be sent", timeout: 20) { screen in
                if screen.contains("Send anyway? y/n") { try? tmux.press("y") }
                return screen.contains("Reply sent to Anna Müller")
            }
            try tmux.press("q")
            try tmux.waitFor("the console to quit") { !$0.contains("Queue ·") }
        }
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.integrityCheck() == ["ok"])
        let outbox = try store.outboxEntries()
        #expect(outbox.count == 1 && outbox.first?.body.contains("DHL 00340434161094042557") == true, "queued exactly once: \(outbox)")
    }
}
