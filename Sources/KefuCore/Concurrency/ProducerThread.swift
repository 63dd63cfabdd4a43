import Foundation

/// Work handed from one background thread to the caller, a chunk at a time and at most
/// `lookahead` chunks ahead: parsing the next lines or working out the next deadlines overlaps
/// with the caller writing the previous ones to the store, without holding everything twice.
///
/// `produce` runs only on the producer thread, in order, until it returns nil.
public final class ProducerThread<Chunk: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Chunk] = []
    private var finished = false
    private var cancelled = false
    private let lookahead: Int

    public init(lookahead: Int = 2, produce: @escaping () -> Chunk?) {
        self.lookahead = max(1, lookahead)
        let work = UncheckedBox(produce)
        let thread = Thread { [self] in
            while !isCancelled, let chunk = work.value() {
                condition.lock()
                while ready.count >= self.lookahead && !cancelled { condition.wait() }
                if cancelled { condition.unlock(); break }
                ready.append(chunk)
                condition.broadcast()
                condition.unlock()
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Chunks of `0..<count`, each `transform`ed on the producer thread.
    public convenience init<Element>(count: Int, chunkSize: Int, lookahead: Int = 2, transform: @escaping (Range<Int>) -> [Element])
    where Chunk == [Element] {
        var start = 0
        self.init(lookahead: lookahead) {
            guard start < count else { return nil }
            let end = min(start + chunkSize, count)
            defer { start = end }
            return transform(start..<end)
        }
    }

    /// The next chunk, waiting for it if needed; nil once the producer is done (or cancelled).
    public func next() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished && !cancelled { condition.wait() }
        if ready.isEmpty || cancelled { return nil }
        let chunk = ready.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// Stops the producer after the chunk in hand. A caller that stops taking chunks early (an
    /// error) calls it, so the thread does not wait forever for room.
    public func cancel() {
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
}

/// Carries a value to the one thread that uses it.
private final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
