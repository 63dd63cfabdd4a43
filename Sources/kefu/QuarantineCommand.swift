import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu quarantine list`: what could not be taken in, and why.
struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine", abstract: "Inputs that could not be taken in, with their reasons.",
        subcommands: [QuarantineListCommand.self], defaultSubcommand: QuarantineListCommand.self)
}

/// Lists quarantined inputs (broken mail, bad JSON Lines) for team leads: when, from which
/// source, where to find the original, and why. The stored raw text is not printed (it is
/// customer content); every printed field is sanitised for the terminal.
struct QuarantineListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List quarantined inputs, oldest first.")

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @Option(help: "At most this many rows.")
    var limit: Int = 1_000

    func run() throws {
        let store = try storeOptions.openStore(access: .readIfNotWritable)
        let rows = try store.quarantined(limit: limit)
        if json {
            let objects = rows.map { row -> [String: Any] in
                ["at": RFC3339.format(row.at), "source": row.source, "location": row.location, "reason": row.reason,
                 "raw_bytes": row.raw.utf8.count]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if rows.isEmpty {
            print("Nothing in quarantine.")
            return
        }
        for row in rows {
            print("\(RFC3339.format(row.at))  \(TerminalSanitizer.oneLine(row.source))  \(TerminalSanitizer.oneLine(row.location))")
            print("    \(TerminalSanitizer.oneLine(row.reason))")
        }
        print("\(rows.count) in quarantine.")
    }
}
