import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// The evidence locker on both backends: records in the store, files content-addressed on this
/// machine's disk; removals leave an audit record; a reply carries evidence by id.
@Suite("Evidence records and replies that attach them, on every backend")
struct EvidenceLockerTests {
    /// A store with one order and one ticket about it, its locker, and a folder of files to add.
    struct Setup {
        let temp: BackendStore
        let locker: any EvidenceLocker
        let files: URL
        let ticketID: Int64

        init(_ backend: StoreBackend) throws {
            temp = try BackendStore(backend)
            files = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-evidence-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            try temp.store.saveOrder(Order(
                id: "302-1", marketplace: .amazon, customerName: "Hans Müller", placedAt: Fixture.base, total: 20, currency: "EUR",
                items: [OrderItem(sku: "MUG", title: "Mug", quantity: 1)], parcels: []))
            try temp.store.saveOrder(Order(
                id: "302-2", marketplace: .amazon, customerName: "Hans Müller", placedAt: Fixture.base, total: 20, currency: "EUR",
                items: [], parcels: []))
            _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0, order: "302-1")])
            ticketID = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
            locker = try temp.locker(folder: files.appendingPathComponent("store-evidence"))
        }

        func file(_ name: String, _ text: String) throws -> URL {
            let url = files.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url
        }
    }

    @Test("Adding keeps the file and the record; the same file again is the same record; unknown orders copy nothing",
          arguments: StoreBackend.allCases)
    func add(_ backend: StoreBackend) throws {
        let setup = try Setup(backend)
        defer { try? FileManager.default.removeItem(at: setup.files) }
        let photo = try setup.file("Pesée colis.jpg", "a weigh record photo")
        let added = try setup.locker.addEvidence(
            NewEvidence(file: photo, orderID: "302-1", kind: .weighRecord, note: "  2.1 kg  ", addedBy: "Li Wei"), now: Fixture.base)
        #expect(!added.wasAlreadyAttached)
        #expect(added.record.id.hasPrefix("EV-"))
        #expect(added.record.note == "2.1 kg")
        #expect(added.record.originalName == "Pesée colis.jpg")
        #expect(added.record.size == 20)
        let stored = setup.locker.fileLocation(of: added.record)
        #expect(try Data(contentsOf: stored) == Data("a weigh record photo".utf8))
        let again = try setup.locker.addEvidence(
            NewEvidence(file: photo, orderID: "302-1", kind: .photo, addedBy: "Anna"), now: Fixture.base.addingTimeInterval(60))
        #expect(again.wasAlreadyAttached)
        #expect(again.record == added.record)
        #expect(try setup.locker.evidence(orderID: "302-1") == [added.record])
        #expect(try setup.locker.evidence(id: added.record.id.lowercased()) == added.record)
        #expect(try setup.locker.evidence(id: "EV-FFFFFFFF") == nil)
        #expect(throws: EvidenceLockerError.unknownOrder("999")) {
            try setup.locker.addEvidence(NewEvidence(file: photo, orderID: "999", kind: .photo, addedBy: "Li Wei"), now: Fixture.base)
        }
        // Another process (another machine on PostgreSQL) sees the record.
        let other = try setup.temp.locker(folder: setup.files.appendingPathComponent("store-evidence"))
        #expect(try other.evidence(orderID: "302-1").map(\.id) == [added.record.id])
    }

    @Test("A removal needs a reason, leaves an audit record, and keeps a file another order still uses",
          arguments: StoreBackend.allCases)
    func remove(_ backend: StoreBackend) throws {
        let setup = try Setup(backend)
        defer { try? FileManager.default.removeItem(at: setup.files) }
        let scan = try setup.file("scan.pdf", "%PDF-1.4 carrier scan")
        let first = try setup.locker.addEvidence(NewEvidence(file: scan, orderID: "302-1", kind: .carrierScan, addedBy: "Li Wei"), now: Fixture.base)
        let second = try setup.locker.addEvidence(NewEvidence(file: scan, orderID: "302-2", kind: .carrierScan, addedBy: "Li Wei"), now: Fixture.base)
        #expect(first.record.id != second.record.id)
        #expect(throws: EvidenceLockerError.emptyReason) {
            try setup.locker.removeEvidence(id: first.record.id, reason: "  ", removedBy: "Anna", now: Fixture.base)
        }
        let kept = try setup.locker.removeEvidence(id: first.record.id, reason: "wrong order", removedBy: "Anna", now: Fixture.base.addingTimeInterval(60))
        #expect(!kept.fileDeleted)
        #expect(FileManager.default.fileExists(atPath: setup.locker.fileLocation(of: second.record).path))
        let gone = try setup.locker.removeEvidence(id: second.record.id, reason: "duplicate", removedBy: "Anna", now: Fixture.base.addingTimeInterval(120))
        #expect(gone.fileDeleted)
        #expect(!FileManager.default.fileExists(atPath: setup.locker.fileLocation(of: second.record).path))
        #expect(try setup.locker.evidenceRemovals(limit: 10).map(\.reason) == ["duplicate", "wrong order"])
        #expect(try setup.locker.evidenceRemovals(limit: 10).first?.record == second.record)
        #expect(throws: EvidenceLockerError.unknownEvidence(first.record.id)) {
            try setup.locker.removeEvidence(id: first.record.id, reason: "again", removedBy: "Anna", now: Fixture.base)
        }
    }

    @Test("A reply carries evidence by id in the send's transaction; an unknown id stores nothing", arguments: StoreBackend.allCases)
    func replyAttachesEvidence(_ backend: StoreBackend) throws {
        let setup = try Setup(backend)
        defer { try? FileManager.default.removeItem(at: setup.files) }
        let photo = try setup.locker.addEvidence(
            NewEvidence(file: try setup.file("photo.jpg", "jpeg bytes"), orderID: "302-1", kind: .photo, addedBy: "Li Wei"), now: Fixture.base).record
        let now = Fixture.base.addingTimeInterval(600)
        #expect(throws: ReplyAttachmentError.unknownEvidence("EV-FFFF")) {
            try setup.temp.store.send(ReplyRequest(ticketID: setup.ticketID, body: "See EV-FFFF.", author: "Li Wei", idempotencyKey: "bad",
                                                   attachEvidence: ["EV-FFFF"]), now: now)
        }
        #expect(try setup.temp.store.messages(ticketID: setup.ticketID).count == 1)
        #expect(try setup.temp.store.outbox().isEmpty)
        let sent = try setup.temp.store.send(ReplyRequest(
            ticketID: setup.ticketID, body: "Photo: \(photo.id)", author: "Li Wei", idempotencyKey: "good",
            attachEvidence: [photo.id, photo.id.lowercased()]), now: now)
        #expect(!sent.wasDuplicate)
        let reply = try #require(try setup.temp.store.messages(ticketID: setup.ticketID).last)
        #expect(reply.delivery?.attachments == [photo.id])
        #expect(try setup.locker.unsentRepliesCarrying(evidenceID: photo.id) == 1)
    }
}
