import Foundation
import Testing
import KefuCore

/// The hand-over between a background producer (parsing, the deadline engine) and the writer.
@Suite("Producer thread")
struct ProducerThreadTests {
    @Test("Chunks arrive complete and in order, however the count divides")
    func order() {
        for (count, size) in [(0, 4), (1, 4), (4, 4), (10, 3), (1_000, 7)] {
            let work = ProducerThread(count: count, chunkSize: size) { range in Array(range) }
            var seen: [Int] = []
            while let chunk = work.next() {
                #expect(chunk.count <= size)
                seen += chunk
            }
            #expect(seen == Array(0..<count))
            #expect(work.next() == nil)
        }
    }

    @Test("A consumer that stops early does not leave the producer waiting for room")
    func cancel() async throws {
        let produced = Counter()
        let work = ProducerThread(count: 1_000, chunkSize: 10) { range in produced.add(range.count); return Array(range) }
        _ = work.next()
        work.cancel()
        try await Task.sleep(for: .milliseconds(100))
        // The producer finished the chunk in hand and stopped well short of the end.
        #expect(produced.value < 1_000)
        #expect(work.next() == nil)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ amount: Int) { lock.withLock { total += amount } }
    var value: Int { lock.withLock { total } }
}
