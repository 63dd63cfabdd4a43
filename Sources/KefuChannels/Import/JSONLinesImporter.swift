import Foundation
import KefuCore

/// Takes a JSON Lines file in (what `kefu ingest` reads): lines are parsed on a second thread a
/// batch ahead while this one stores the previous batch, each batch in one transaction. A bad
/// line is reported with its number and reason, kept in quarantine, and never stops the lines
/// after it; a message already stored is skipped, so a second run adds nothing.
public final class JSONLinesImporter {
    public let store: any TicketStore
    /// Where the lines come from, as quarantine rows and reports name it (`stdin` or a path).
    public let source: String
    /// Messages per transaction.
    public var batchSize = 5_000
    /// Told of each invalid line, after it was quarantined.
    public var invalidLine: (IngestLineError) -> Void = { _ in }
    /// Told of the lines handled so far, after each batch.
    public var progress: (Int) -> Void = { _ in }
    /// The scam checks run on each customer message as it is parsed (on the parsing thread).
    public var safety = MessageSafety()

    public struct Summary: Sendable, Hashable {
        public var stored = IngestSummary()
        public var lines = 0
        public var invalid = 0
    }

    public init(store: any TicketStore, source: String) {
        self.store = store
        self.source = source
    }

    public func run(_ handle: FileHandle) throws -> Summary {
        let reader = LineChunks(handle: handle)
        let batchSize = batchSize
        let safety = safety
        let parsed = ProducerThread<ParsedBatch> {
            let lines = reader.next(limit: batchSize)
            return lines.isEmpty ? nil : ParsedBatch(lines, safety: safety)
        }
        defer { parsed.cancel() }
        var summary = Summary()
        while let batch = parsed.next() {
            for (error, raw) in batch.invalid {
                try store.quarantine(QuarantinedInput(
                    source: source, location: "line \(error.line)", reason: error.reason,
                    raw: String(raw.prefix(64 * 1024)), at: Date()))
                invalidLine(error)
            }
            let part = try store.ingest(batch.records)
            summary.stored += part
            summary.invalid += batch.invalid.count
            summary.lines = batch.lastLine
            progress(summary.lines)
        }
        return summary
    }

    /// One batch of lines, parsed.
    private struct ParsedBatch: Sendable {
        var records: [IngestRecord] = []
        var invalid: [(IngestLineError, String)] = []
        var lastLine = 0

        init(_ lines: [(number: Int, text: Substring)], safety: MessageSafety) {
            records.reserveCapacity(lines.count)
            for line in lines {
                lastLine = line.number
                if line.text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
                switch IngestParser.parse(line: line.text, number: line.number) {
                case .success(var record):
                    if record.direction == .inbound {
                        record.findings = safety.check(IncomingMessage(from: record.from, subject: record.subject, body: record.body))
                    }
                    records.append(record)
                case .failure(let error): invalid.append((error, String(line.text)))
                }
            }
        }
    }
}
