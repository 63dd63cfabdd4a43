import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu ingest FILE`: JSON Lines in, one message per line.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Take in messages from a JSON Lines file (or - for standard input).",
        discussion: """
            Each line is one message: {"id", "conversation", "channel", "marketplace", "direction", "from", "to", \
            "at", "subject", "body", "order", "language"} (see README.md). Valid lines go in even when others \
            are invalid; each invalid line is reported with its number and reason and kept in quarantine \
            (`kefu quarantine`). A message whose id is already stored is skipped, so ingesting a file twice \
            adds nothing. Exit status 1 when some line was invalid.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The JSON Lines file, or - for standard input.")
    var file: String

    func run() throws {
        let store = try storeOptions.open()
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else {
                throw UserError(message: "cannot read \(file): no such file or not readable")
            }
            handle = opened
        }
        var summary = IngestSummary()
        var invalid = 0
        var batch: [IngestRecord] = []
        let source = file == "-" ? "stdin" : file
        func flush() throws {
            guard !batch.isEmpty else { return }
            let part = try store.ingest(batch)
            summary.added += part.added
            summary.duplicates += part.duplicates
            summary.newTickets += part.newTickets
            batch.removeAll(keepingCapacity: true)
        }
        var lineNumber = 0
        try LineReader(handle: handle).forEach { line in
            lineNumber += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { return }
            switch IngestParser.parse(line: line, number: lineNumber) {
            case .success(let record):
                batch.append(record)
                if batch.count >= 5_000 { try flush() }
            case .failure(let error):
                invalid += 1
                FileHandle.standardError.write(Data("\(source):\(error.line): \(error.reason)\n".utf8))
                try store.quarantine(QuarantinedInput(
                    source: source, location: "line \(error.line)", reason: error.reason,
                    raw: String(line.prefix(64 * 1024)), at: Date()))
            }
        }
        try flush()
        print("Ingested \(summary.added) messages (\(summary.newTickets) new conversations), \(summary.duplicates) already stored, \(invalid) invalid lines.")
        if invalid > 0 { throw ExitCode(1) }
    }
}

/// Reads a file line by line in chunks, so a large export does not have to fit in memory.
/// Invalid UTF-8 is kept visible as U+FFFD so the line is reported, not lost.
struct LineReader {
    let handle: FileHandle

    func forEach(_ body: (Substring) throws -> Void) throws {
        var pending = Data()
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            pending.append(chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                let line = String(decoding: pending[start..<newline], as: UTF8.self)
                try body(Substring(line))
                start = pending.index(after: newline)
            }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty { try body(Substring(String(decoding: pending, as: UTF8.self))) }
    }
}
