import Foundation

/// Work split into chunks that one background thread produces in order while the caller
/// consumes them, at most two chunks ahead: the caller's thread (a database writer) and the
/// producer overlap without holding the whole result in memory twice.
final class ChunkedWork<Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [[Output]] = []
    private var finished = false
    private var cancelled = false
    private let lookahead = 2

    /// Starts producing at once; `produce` gets each chunk's index range in turn.
    init(count: Int, chunkSize: Int, produce: @escaping @Sendable (Range<Int>) -> [Output]) {
        let thread = Thread { [self] in
            var start = 0
            while start < count {
                if isCancelled { break }
                let end = min(start + chunkSize, count)
                let chunk = produce(start..<end)
                condition.lock()
                while ready.count >= lookahead && !cancelled { condition.wait() }
                if cancelled { condition.unlock(); break }
                ready.append(chunk)
                condition.broadcast()
                condition.unlock()
                start = end
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Stops the producer after the chunk in hand; a consumer that fails calls it so the thread
    /// does not wait forever for room.
    func cancel() {
        condition.lock()
        cancelled = true
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// The next chunk, waiting for it if needed; nil once all chunks were taken.
    func next() -> [Output]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished && !cancelled { condition.wait() }
        if ready.isEmpty || cancelled { return nil }
        let chunk = ready.removeFirst()
        condition.broadcast()
        return chunk
    }
}
