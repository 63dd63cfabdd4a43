import ArgumentParser
import Foundation
import KefuChannels
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
        let store = try storeOptions.openAnyBackend(creating: true)
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else {
                throw UserError(message: "cannot read \(file): no such file or not readable")
            }
            handle = opened
        }
        let source = file == "-" ? "stdin" : file
        let importer = JSONLinesImporter(store: store, source: source)
        importer.safety = try Wiring.messageSafety()
        importer.invalidLine = { error in
            FileHandle.standardError.write(Data("\(source):\(error.line): \(error.reason)\n".utf8))
        }
        let summary = try importer.run(handle)
        let stored = summary.stored
        ImportLog.ingest(summary)
        print("Ingested \(CountText.of(stored.added, "message")) (\(CountText.of(stored.newTickets, "new conversation"))), \(stored.duplicates) already stored, \(CountText.of(summary.invalid, "invalid line")).")
        if summary.invalid > 0 { throw ExitCode(1) }
    }
}
