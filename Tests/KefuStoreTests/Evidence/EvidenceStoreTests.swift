import Foundation
import Testing
@testable import KefuStore

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway folder per test, removed afterwards.
final class EvidenceTestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func file(_ name: String, _ contents: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(contents.utf8).write(to: file)
        return file
    }

    func entries(_ relative: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent(relative).path))?.sorted() ?? []
    }
}

struct EvidenceStoreTests {
    @Test func addCopiesTheFileUnderItsHash() throws {
        let scratch = try EvidenceTestFolder()
        let store = try EvidenceStore(folder: scratch.url.appendingPathComponent("evidence"))
        let photo = try scratch.file("scale.jpg", "abc")
        let stored = try store.add(file: photo)
        #expect(stored.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(stored.size == 3)
        #expect(!stored.wasAlreadyStored)
        #expect(stored.location.path.hasSuffix("evidence/objects/ba/7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        #expect(try String(contentsOf: stored.location, encoding: .utf8) == "abc")
        #expect(store.contains(sha256: stored.sha256))
        #expect(try store.verify(sha256: stored.sha256))
        #expect(scratch.entries("evidence/tmp").isEmpty)
    }

    @Test func addingTheSameContentTwiceIsANoOp() throws {
        let scratch = try EvidenceTestFolder()
        let store = try EvidenceStore(folder: scratch.url.appendingPathComponent("evidence"))
        let first = try store.add(file: try scratch.file("a.jpg", "weigh record 1.25 kg"))
        let again = try store.add(file: try scratch.file("copy-of-a.jpg", "weigh record 1.25 kg"))
        #expect(again.sha256 == first.sha256)
        #expect(again.wasAlreadyStored)
        #expect(again.defaultID == first.defaultID)
        #expect(scratch.entries("evidence/objects").count == 1)
        #expect(scratch.entries("evidence/objects/\(first.sha256.prefix(2))").count == 1)
        #expect(scratch.entries("evidence/tmp").isEmpty)
    }

    @Test func storedFilesAreReadOnly() throws {
        let scratch = try EvidenceTestFolder()
        let store = try EvidenceStore(folder: scratch.url.appendingPathComponent("evidence"))
        let stored = try store.add(file: try scratch.file("scan.pdf", "carrier scan"))
        let attributes = try FileManager.default.attributesOfItem(atPath: stored.location.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o400)
    }

    @Test func aFileOverTheLimitIsRefusedAndNothingIsWritten() throws {
        let scratch = try EvidenceTestFolder()
        let store = try EvidenceStore(folder: scratch.url.appendingPathComponent("evidence"), sizeLimit: 10)
        #expect(try store.add(file: try scratch.file("ok.txt", "0123456789")).size == 10)
        let big = try scratch.file("video.mp4", "0123456789A")
        let error = try #require(throws: EvidenceError.self) { try store.add(file: big) }
        #expect(error.code == .tooLarge)
        #expect(error.path == big.path)
        #expect(error.reason.contains("limit"))
        #expect(scratch.entries("evidence/objects").count == 1)
        #expect(scratch.entries("evidence/tmp").isEmpty)
    }

    @Test func aMissingFileIsAClearError() throws {
        let scratch = try EvidenceTestFolder()
        let store = try EvidenceStore(folder: scratch.url.appendingPathComponent("evidence"))
        let missing = scratch.url.appendingPathComponent("no-such-photo.jpg")
        let error = try #require(throws: EvidenceError.self) { try store.add(file: missing) }
        #expect(error.code == .missing)
        #expect(error.description == "\(missing.path): no such file")
    }

    @Test func aFolderIsNotEvidence() throws {
        let scratch = try EvidenceTestFolder()
        let store = try EvidenceStore(folder: scratch.url.appendingPathComponent("evidence"))
        let error = try #require(throws: EvidenceError.self) { try store.add(file: scratch.url) }
        #expect(error.code == .notARegularFile)
    }

    #if os(Linux)
        /// `/proc/self/mem` is a regular file that opens but fails to read at offset 0 with EIO,
        /// even for root (who can open files whatever their permissions).
        @Test func aFileThatCannotBeReadIsAClearErrorAndLeavesNothingBehind() throws {
            let scratch = try EvidenceTestFolder()
            let store = try EvidenceStore(folder: scratch.url.appendingPathComponent("evidence"))
            let unreadable = URL(fileURLWithPath: "/proc/self/mem")
            let error = try #require(throws: EvidenceError.self) { try store.add(file: unreadable) }
            #expect(error.code == .unreadable)
            #expect(error.path == "/proc/self/mem")
            #expect(error.reason.contains("read failed"))
            #expect(scratch.entries("evidence/objects").isEmpty)
            #expect(scratch.entries("evidence/tmp").isEmpty)
        }
    #endif

    @Test func copiesLeftByAKilledProcessAreSweptOnOpen() throws {
        let scratch = try EvidenceTestFolder()
        let folder = scratch.url.appendingPathComponent("evidence")
        let store = try EvidenceStore(folder: folder)
        // What `kill -9` during a copy leaves: a partial temporary file of a pid that no longer
        // exists (Linux pids stay below 2^22), and no object under a final name.
        let dead = folder.appendingPathComponent("tmp/999999999-1234.partial")
        let live = folder.appendingPathComponent("tmp/\(getpid())-5678.partial")
        try Data("half a pho".utf8).write(to: dead)
        try Data("in progress".utf8).write(to: live)
        #expect(scratch.entries("evidence/objects").isEmpty)

        _ = try EvidenceStore(folder: folder)
        #expect(scratch.entries("evidence/tmp") == ["\(getpid())-5678.partial"])
        #expect(try store.sweepInterruptedCopies() == 0)
    }

    @Test func anOldCopyIsSweptEvenIfItsPidIsAliveAgain() throws {
        let scratch = try EvidenceTestFolder()
        let folder = scratch.url.appendingPathComponent("evidence")
        let store = try EvidenceStore(folder: folder)
        let stale = folder.appendingPathComponent("tmp/\(getpid())-9.partial")
        try Data("old".utf8).write(to: stale)
        let twoDaysAgo = Date().addingTimeInterval(-2 * 24 * 60 * 60)
        try FileManager.default.setAttributes([.modificationDate: twoDaysAgo], ofItemAtPath: stale.path)
        #expect(try store.sweepInterruptedCopies() == 1)
        #expect(scratch.entries("evidence/tmp").isEmpty)
    }

    @Test func verifyNoticesAChangedObject() throws {
        let scratch = try EvidenceTestFolder()
        let store = try EvidenceStore(folder: scratch.url.appendingPathComponent("evidence"))
        let stored = try store.add(file: try scratch.file("p.jpg", "original"))
        chmod(stored.location.path, 0o600)
        try Data("tampered".utf8).write(to: stored.location)
        #expect(try store.verify(sha256: stored.sha256) == false)
    }

    @Test func aLargeFileIsCopiedWholeAcrossManyChunks() throws {
        let scratch = try EvidenceTestFolder()
        let store = try EvidenceStore(folder: scratch.url.appendingPathComponent("evidence"))
        let bytes = (0..<(1_000_000 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        let file = scratch.url.appendingPathComponent("video.mp4")
        try Data(bytes).write(to: file)
        let stored = try store.add(file: file)
        #expect(stored.size == Int64(bytes.count))
        #expect(stored.sha256 == "f826515dbdcb33ec48b3de142fe6f0a80a9f985bb096b1ce57ce16fa40dc8682")  // sha256sum
        #expect(try Data(contentsOf: stored.location) == Data(bytes))
    }

    @Test("Each database keeps its own evidence folder, so stores side by side never share files")
    func folderPerDatabase() {
        let folder = URL(fileURLWithPath: "/data/kefu")
        let kefu = EvidenceStore.folder(nextTo: folder.appendingPathComponent("kefu.sqlite"))
        let demo = EvidenceStore.folder(nextTo: folder.appendingPathComponent("demo.sqlite"))
        #expect(kefu.path == "/data/kefu/kefu-evidence")
        #expect(demo.path == "/data/kefu/demo-evidence")
    }
}
