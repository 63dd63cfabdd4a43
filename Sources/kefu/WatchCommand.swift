import ArgumentParser
import Foundation
import KefuChannels
import KefuCore
import KefuMail
import KefuStore

/// `kefu watch maildir DIR`.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Keep taking in mail as it lands.", subcommands: [WatchMaildirCommand.self])
}

/// Polls a Maildir and imports each new message as it lands, while the console (another
/// process on the same store) shows it. A first pass takes in what is already there, skipping
/// what is stored. Ctrl-C or SIGTERM stops it after the message in hand is stored.
struct WatchMaildirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maildir", abstract: "Poll a Maildir and import new messages as they land (Ctrl-C stops).",
        discussion: """
            The delivering program (mbsync, offlineimap, procmail) writes into tmp/ and renames into new/, so \
            a message is only read once it is complete. Each poll lists cur/ and new/ and reads only names it \
            has not seen. Prints one line per poll that found mail.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Seconds between polls.")
    var interval: Double = 1

    @Argument(help: "The Maildir folder.")
    var directory: String

    func run() throws {
        guard interval > 0, interval <= 3600 else { throw ValidationError("--interval must be between 0 and 3600 seconds") }
        let (store, evidence, _) = try Wiring.openForMail(storeOptions)
        var scanner: MaildirScanner
        do {
            scanner = try MaildirScanner(directory: directory)
        } catch {
            throw UserError(message: error.description)
        }
        StopSignal.install()
        let importer = MailboxImporter(store: store, evidence: evidence, source: "maildir")
        importer.shouldStop = { StopSignal.requested }
        say("Watching \(TerminalSanitizer.oneLine(scanner.reader.directory)) (Ctrl-C stops).")
        var total = MailboxImporter.Summary()
        while !StopSignal.requested {
            let summary = try importer.run(scanner.scan())
            if summary.read > 0 {
                say("\(RFC3339.format(Date())) " + summary.line)
                total.read += summary.read
                total.broken += summary.broken
                total.stored += summary.stored
            }
            StopSignal.sleep(interval)
        }
        say("Stopped. " + total.line)
    }
}
