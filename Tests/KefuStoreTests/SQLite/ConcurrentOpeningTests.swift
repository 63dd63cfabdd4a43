import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport

/// Several kefu processes started at once on a new store (the console, `kefu watch`, `kefu
/// deliver` from a service manager) each migrate it: they must all open it, none failing on a
/// migration another one ran a moment before.
@Suite("Opening a new store from several connections at once")
struct ConcurrentOpeningTests {
    @Test("eight openers race on a fresh file, ten times: every one opens it (WAL switch and migrations shared), and the file is sound")
    func racingOpeners() throws {
        for round in 0..<10 {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-race-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("k.sqlite").path
            let failures = LockedList()
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                do {
                    let store = try SQLiteTicketStore(path: path, policy: TestPolicy.standard)
                    _ = try store.outboxEntries()
                } catch {
                    failures.append("\(error)")
                }
            }
            #expect(failures.items.isEmpty, "round \(round): \(failures.items)")
            let store = try SQLiteTicketStore(path: path, policy: TestPolicy.standard)
            #expect(try store.integrityCheck() == ["ok"])
        }
    }
}

final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func append(_ value: String) { lock.withLock { values.append(value) } }
    var items: [String] { lock.withLock { values } }
}
