import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport

@Suite("Opening the store")
struct StoreOpeningTests {
    @Test("The file is private (0600), in WAL mode, with synchronous=FULL on the writer")
    func durability() throws {
        let temp = try TemporaryStore()
        let mode = try FileManager.default.attributesOfItem(atPath: temp.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try temp.store.synchronousLevel() == 2)
        #expect(FileManager.default.fileExists(atPath: temp.path + "-wal"))
        #expect(try temp.store.integrityCheck() == ["ok"])
    }

    @Test("Opening a file that is not a database fails with the path in the message")
    func notADatabase() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("junk.sqlite").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try SQLiteTicketStore(path: path, policy: TestPolicy.standard) }
        #expect(error?.description.contains(path) == true)
    }
}
