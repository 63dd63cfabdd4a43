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

/// Watches a Maildir and imports each new message as it lands, while the console (another
/// process on the same store) shows it: woken by inotify when the kernel offers it, else by a
/// poll (see `MaildirChangeWaiter`). A first pass takes in what is already there, skipping
/// what is stored. Ctrl-C or SIGTERM stops it after the message in hand is stored.
struct WatchMaildirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maildir", abstract: "Watch a Maildir and import new messages as they land (Ctrl-C stops).",
        discussion: """
            The delivering program (mbsync, offlineimap, procmail) writes into tmp/ and renames into new/, so \
            a message is only read once it is complete. On Linux, inotify wakes the watcher as soon as a message \
            lands (and it still scans every 30 seconds, for file systems where inotify sees nothing); elsewhere, or \
            with --poll (for a Maildir on NFS or SMB), it scans every --interval seconds. Each scan lists cur/ and \
            new/ and reads only names it has not seen. Prints one line per scan that found mail.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Seconds between scans when polling.")
    var interval: Double = 1

    @Flag(help: "Poll every --interval seconds instead of using inotify (for network file systems).")
    var poll = false

    @Argument(help: "The Maildir folder.")
    var directory: String

    func run() throws {
        guard interval > 0, interval <= 3600 else { throw ValidationError("--interval must be between 0 and 3600 seconds") }
        let (store, evidence, configuration) = try Wiring.openForMail(storeOptions)
        var scanner: MaildirScanner
        do {
            scanner = try MaildirScanner(directory: directory)
        } catch {
            throw UserError(message: error.description)
        }
        StopSignal.install()
        let importer = MailboxImporter(store: store, evidence: evidence, source: "maildir")
        importer.safety = try Wiring.messageSafety()
        importer.teamAddresses = configuration.mail.teamAddresses
        importer.shouldStop = { StopSignal.requested }
        let waiter = MaildirChangeWaiter(directory: scanner.reader.directory, useInotify: !poll)
        let how = waiter.mode == .inotify ? "inotify" : "polling every \(interval) s"
        say("Watching \(TerminalSanitizer.oneLine(scanner.reader.directory)) (\(how); Ctrl-C stops).")
        var total = MailboxImporter.Summary()
        while !StopSignal.requested {
            let summary = try importer.run(scanner.scan())
            if summary.read > 0 {
                say("\(RFC3339.format(Date())) " + summary.line)
                total.read += summary.read
                total.broken += summary.broken
                total.stored += summary.stored
            }
            waiter.wait(interval: interval, shouldStop: { StopSignal.requested })
        }
        say("Stopped. " + total.line)
    }
}
