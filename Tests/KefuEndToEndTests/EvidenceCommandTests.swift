import Foundation
import Glibc
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

/// A store with one order (and a ticket about it) for the evidence and parcel commands.
struct OrderFixture {
    static let orderID = "302-1234567-7654321"
    let scratch: Scratch
    let db: String
    /// A config folder of the test's own, so the machine's kefu.yaml or carriers.json never leak in.
    var environment: [String: String]

    init(parcels: [Parcel] = []) throws {
        scratch = try Scratch()
        db = scratch.path("kefu.sqlite")
        let configHome = scratch.path("config")
        try FileManager.default.createDirectory(atPath: configHome + "/kefu", withIntermediateDirectories: true)
        environment = ["KEFU_CONFIG": "", "XDG_CONFIG_HOME": configHome, "KEFU_AGENT": "Li Wei"]
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        try store.saveOrder(Order(
            id: Self.orderID, marketplace: .amazon, customerName: "Anna Müller", placedAt: Fixture.base, total: 39.90,
            currency: "EUR", items: [OrderItem(sku: "LAMP-1", title: "Desk lamp", quantity: 1)], parcels: parcels))
        _ = try store.ingest([Fixture.message("m1", conversation: "c1", at: 0, order: Self.orderID)])
    }

    /// Writes `config` (YAML) as the user's kefu.yaml.
    mutating func useConfig(_ config: String) throws {
        let path = scratch.path("config/kefu/kefu.yaml")
        try config.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func file(_ name: String, bytes: Int, seed: UInt8 = 7) throws -> String {
        let path = scratch.path(name)
        let chunk = Data((0..<min(bytes, 1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed) &+ $0 >> 8) })
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var written = 0
        while written < bytes {
            let piece = chunk.prefix(bytes - written)
            try handle.write(contentsOf: piece)
            written += piece.count
        }
        return path
    }

    @discardableResult
    func kefu(_ arguments: [String], check: Bool = false) throws -> Shell.Result {
        try KefuBinary.run(arguments + ["--db", db], environment: environment, check: check)
    }

    func evidenceRows() throws -> [[String: Any]] {
        let output = try kefu(["evidence", "list", "--order", Self.orderID, "--json"], check: true).output
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
    }

    var objectsFolder: String { scratch.path("kefu-evidence/objects") }
    var temporaryFolder: String { scratch.path("kefu-evidence/tmp") }

    /// Every stored object file (shard/name).
    func objects() -> [String] {
        let shards = (try? FileManager.default.contentsOfDirectory(atPath: objectsFolder)) ?? []
        return shards.flatMap { shard in
            ((try? FileManager.default.contentsOfDirectory(atPath: objectsFolder + "/" + shard)) ?? []).map { shard + $0 }
        }
    }
}

@Suite("kefu evidence", .serialized)
struct EvidenceCommandTests {
    @Test("add prints an EV- id, records who, kind and note; the same file again gives the same id and one file")
    func addIsIdempotent() throws {
        let fixture = try OrderFixture()
        let photo = try fixture.file("IMG_2041.jpg", bytes: 5_000)
        let first = try fixture.kefu(["evidence", "add", "--order", OrderFixture.orderID, photo, "--kind", "weigh-record", "--note", "1.2 kg at packing"])
        #expect(first.status == 0)
        let id = first.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.hasPrefix("EV-") && id.count == 7)
        let again = try fixture.kefu(["evidence", "add", "--order", OrderFixture.orderID, photo, "--kind", "weigh-record"])
        #expect(again.status == 0)
        #expect(again.output.trimmingCharacters(in: .whitespacesAndNewlines) == id)
        #expect(again.error.contains("already attached"))

        let rows = try fixture.evidenceRows()
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["id"] as? String == id)
        #expect(row["kind"] as? String == "weigh-record")
        #expect(row["note"] as? String == "1.2 kg at packing")
        #expect(row["added_by"] as? String == "Li Wei")
        #expect(row["original_name"] as? String == "IMG_2041.jpg")
        #expect(row["size"] as? Int == 5_000)
        // The stored copy is the file, byte for byte, named by its hash.
        let stored = try #require(row["file"] as? String)
        #expect(FileManager.default.contentsEqual(atPath: stored, andPath: photo))
        #expect(stored.hasSuffix(String((row["sha256"] as? String ?? "").dropFirst(2))))
        #expect(fixture.objects().count == 1)

        let text = try fixture.kefu(["evidence", "list", "--order", OrderFixture.orderID], check: true).output
        #expect(text.contains(id) && text.contains("weigh-record") && text.contains("1.2 kg at packing"))
        // The thread lists it too, under the order.
        let shown = try fixture.kefu(["show", "1"], check: true).output
        #expect(shown.contains("Evidence \(id) · weigh record · "))
        #expect(shown.contains(String((row["sha256"] as? String ?? "").prefix(12)) + " · 1.2 kg at packing"))
    }

    @Test("Each bad input is refused with a clear message and leaves no row and no file")
    func errors() throws {
        var fixture = try OrderFixture()
        let photo = try fixture.file("photo.jpg", bytes: 3_000)
        let order = OrderFixture.orderID
        func refused(_ arguments: [String], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = try fixture.kefu(arguments)
            #expect(result.status == 1, "exit status for \(arguments)", sourceLocation: sourceLocation)
            #expect(result.error.contains(expected), "stderr was: \(result.error)", sourceLocation: sourceLocation)
            #expect(result.output.isEmpty, sourceLocation: sourceLocation)
        }
        try refused(["evidence", "add", "--order", order, fixture.scratch.path("nothing.jpg"), "--kind", "photo"],
                    "nothing.jpg: no such file")
        try refused(["evidence", "add", "--order", "999-0000000-0000000", photo, "--kind", "photo"],
                    "no order '999-0000000-0000000' in the store")
        try refused(["evidence", "add", "--order", order, photo, "--kind", "selfie"],
                    "unknown kind 'selfie' (known: photo, weigh-record, carrier-scan, video, proof-of-delivery, document)")
        try refused(["evidence", "add", "--order", order, fixture.scratch.path("."), "--kind", "photo"], "not a regular file")
        // A file that opens but cannot be read, even for root: /proc/self/mem fails at offset 0.
        try refused(["evidence", "add", "--order", order, "/proc/self/mem", "--kind", "document"], "/proc/self/mem: read failed")
        if geteuid() != 0 {
            let locked = try fixture.file("locked.jpg", bytes: 10)
            chmod(locked, 0)
            try refused(["evidence", "add", "--order", order, locked, "--kind", "photo"], "locked.jpg: cannot open the file")
        }
        try fixture.useConfig("evidence:\n  size_limit: 2KB\n")
        try refused(["evidence", "add", "--order", order, photo, "--kind", "photo"], "photo.jpg: is 3 KB; the evidence size limit is 2 KB")
        try fixture.useConfig("evidence:\n  size_limit: lots\n")
        try refused(["evidence", "add", "--order", order, photo, "--kind", "photo"],
                    #"kefu.yaml:2: evidence.size_limit: "lots" is not a size like 50MB, 500KB or 1GB"#)
        try fixture.useConfig("evidence:\n  size_limt: 2KB\n")
        try refused(["evidence", "add", "--order", order, photo, "--kind", "photo"], "unknown field 'size_limt'")
        try fixture.useConfig("")

        #expect(try fixture.evidenceRows().isEmpty)
        #expect(fixture.objects().isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: fixture.temporaryFolder)) ?? []).isEmpty)
    }

    @Test("rm needs the id typed twice and a reason; it leaves an audit record and keeps a file another order uses")
    func remove() throws {
        let fixture = try OrderFixture()
        let store = try SQLiteTicketStore(path: fixture.db, policy: TestPolicy.standard)
        try store.saveOrder(Order(id: "other-1", marketplace: .ebay, customerName: "Bob", placedAt: Fixture.base, total: 1, currency: "USD", items: [], parcels: []))
        let scan = try fixture.file("scan.pdf", bytes: 4_000)
        let id = try fixture.kefu(["evidence", "add", "--order", OrderFixture.orderID, scan, "--kind", "carrier-scan"], check: true)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
        let otherID = try fixture.kefu(["evidence", "add", "--order", "other-1", scan, "--kind", "carrier-scan"], check: true)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
        // Same content, another order: its own record, so its own (longer) id.
        #expect(otherID != id && otherID.hasPrefix(id))
        #expect(fixture.objects().count == 1)

        let mismatch = try fixture.kefu(["evidence", "rm", id, "--confirm", "EV-0000", "--reason", "wrong order"])
        #expect(mismatch.status == 1)
        #expect(mismatch.error.contains("--confirm 'EV-0000' does not match \(id): type the id twice"))
        let noReason = try fixture.kefu(["evidence", "rm", id, "--confirm", id, "--reason", "  "])
        #expect(noReason.status == 1)
        #expect(noReason.error.contains("a removal needs a reason"))
        let unknown = try fixture.kefu(["evidence", "rm", "EV-FFFF", "--confirm", "ev-ffff", "--reason", "x"])
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("no evidence 'EV-FFFF'"))
        #expect(try fixture.evidenceRows().count == 1)

        let removed = try fixture.kefu(["evidence", "rm", id, "--confirm", id.lowercased(), "--reason", "attached to the wrong order"], check: true)
        #expect(removed.output.contains("file kept"))
        #expect(try fixture.evidenceRows().isEmpty)
        #expect(fixture.objects().count == 1)  // other-1 still uses it

        let last = try fixture.kefu(["evidence", "rm", otherID, "--confirm", otherID, "--reason", "duplicate"], check: true)
        #expect(last.output.contains("file deleted"))
        #expect(fixture.objects().isEmpty)

        let listed = try fixture.kefu(["evidence", "removed"], check: true).output.split(separator: "\n")
        #expect(listed.count == 2)
        #expect(listed.first?.contains("\(otherID) carrier-scan of order other-1 removed by Li Wei: duplicate (file deleted") == true)
        #expect(listed.last?.contains("\(id) carrier-scan of order \(OrderFixture.orderID) removed by Li Wei: attached to the wrong order (file kept") == true)

        let locker = try SQLiteEvidenceLocker(store: store)
        let audit = try locker.evidenceRemovals(limit: 10)
        #expect(audit.map(\.record.id) == [otherID, id])
        #expect(audit.last?.reason == "attached to the wrong order")
        #expect(audit.last?.removedBy == "Li Wei")
        #expect(audit.last?.fileDeleted == false)
        #expect(audit.first?.fileDeleted == true)
    }

    @Test("rm keeps a file that an imported mail attachment still uses")
    func keepsMailAttachments() throws {
        let fixture = try OrderFixture()
        let threads = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("KefuChannelsTests/Fixtures/Threads").path
        try fixture.kefu(["import", "maildir", threads])
        let attachments = fixture.objects()
        let object = try #require(attachments.first, "the fixture maildir has an attachment")
        // The agent saves the same attachment and adds it as evidence: one file, two users.
        let copy = fixture.scratch.path("from-mail.bin")
        try FileManager.default.copyItem(atPath: fixture.objectsFolder + "/" + object.prefix(2) + "/" + object.dropFirst(2), toPath: copy)
        chmod(copy, 0o600)
        let id = try fixture.kefu(["evidence", "add", "--order", OrderFixture.orderID, copy, "--kind", "photo"], check: true)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(fixture.objects() == attachments)
        let removed = try fixture.kefu(["evidence", "rm", id, "--confirm", id, "--reason", "duplicate of the mail attachment"], check: true)
        #expect(removed.output.contains("file kept"))
        #expect(fixture.objects() == attachments)
    }

    @Test("kill -9 in the middle of a copy leaves no half file and no row; adding again works")
    func killedMidCopy() throws {
        var fixture = try OrderFixture()
        try fixture.useConfig("evidence:\n  size_limit: 30MB\n")
        let video = try fixture.file("packing.mp4", bytes: 24 * 1024 * 1024)
        // Open the store once so the evidence folder exists and the child only copies.
        try fixture.kefu(["evidence", "list", "--order", OrderFixture.orderID], check: true)

        let logs = FileManager.default.temporaryDirectory.path
        let adding = try BackgroundProcess(
            [KefuBinary.path, "evidence", "add", "--order", OrderFixture.orderID, video, "--kind", "video", "--db", fixture.db],
            environment: fixture.environment, folder: logs)
        defer { try? FileManager.default.removeItem(atPath: adding.outputPath); try? FileManager.default.removeItem(atPath: adding.errorPath) }
        // Wait for the copy to start (a .partial file with some bytes in it), then SIGKILL.
        let deadline = Date().addingTimeInterval(20)
        var caught = false
        while Date() < deadline {
            let partials = ((try? FileManager.default.contentsOfDirectory(atPath: fixture.temporaryFolder)) ?? []).filter { $0.hasSuffix(".partial") }
            if let partial = partials.first,
               let size = try? FileManager.default.attributesOfItem(atPath: fixture.temporaryFolder + "/" + partial)[.size] as? Int, size > 0 {
                adding.signal(SIGKILL)
                caught = true
                break
            }
            usleep(200)
        }
        let status = adding.wait(timeout: 20)
        #expect(caught, "the copy finished before it could be killed")
        #expect(status == 128 + SIGKILL)

        // Nothing under a final name, no row; the partial copy is swept when the store opens again.
        #expect(fixture.objects().isEmpty)
        #expect(try fixture.evidenceRows().isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: fixture.temporaryFolder)) ?? []).isEmpty)

        let retry = try fixture.kefu(["evidence", "add", "--order", OrderFixture.orderID, video, "--kind", "video"], check: true)
        #expect(retry.output.hasPrefix("EV-"))
        let rows = try fixture.evidenceRows()
        #expect(rows.count == 1)
        #expect(fixture.objects().count == 1)
        let stored = try #require(rows.first?["file"] as? String)
        #expect(FileManager.default.contentsEqual(atPath: stored, andPath: video))
    }
}
