import ArgumentParser
import Foundation
import KefuChannels
import KefuCore
import KefuMail
import KefuStore

/// `kefu import maildir|mbox|orders`: mailboxes and order reports into the store.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Take in a Maildir, an mbox file or an order report.",
        subcommands: [ImportMaildirCommand.self, ImportMboxCommand.self, ImportOrdersCommand.self, ImportEventsCommand.self])
}

/// `kefu import maildir DIR`.
struct ImportMaildirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maildir", abstract: "Take in every message of a Maildir (cur/ and new/; tmp/ is never read).",
        discussion: """
            Messages are threaded by Message-ID, In-Reply-To and References, then by the marketplace relay \
            address and the order id. Attachments are kept as evidence files linked to their message. A message \
            that cannot be read is quarantined with its reason (kefu quarantine list). Importing the same \
            Maildir again adds nothing. Exit status 1 when some message was quarantined.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The Maildir folder (the one holding cur/ and new/).")
    var directory: String

    @OptionGroup var batch: ImportBatchOption

    func run() throws {
        let (store, evidence, configuration) = try Wiring.openForMail(storeOptions)
        let reader: MaildirReader
        do {
            reader = try MaildirReader(directory: directory)
        } catch {
            throw UserError(message: error.description)
        }
        let importer = MailboxImporter(store: store, evidence: evidence, source: "maildir")
        importer.batchSize = batch.batchSize
        importer.safety = try Wiring.messageSafety()
        importer.teamAddresses = configuration.mail.teamAddresses
        let progress = ImportProgress()
        let total = reader.countMessages()
        importer.progress = { handled, _ in progress.update(done: handled, total: total, items: handled) }
        let summary = try importer.run(reader)
        progress.finish()
        ImportLog.mailbox(summary, source: importer.source)
        print(summary.line)
        if summary.broken > 0 { throw ExitCode(1) }
    }
}

/// `kefu import mbox FILE`.
struct ImportMboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mbox", abstract: "Take in every message of an mbox file (mboxo or mboxrd).",
        discussion: "As `kefu import maildir`: threaded, attachments kept, broken messages quarantined, twice adds nothing.")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The mbox file.")
    var file: String

    @OptionGroup var batch: ImportBatchOption

    func run() throws {
        let (store, evidence, configuration) = try Wiring.openForMail(storeOptions)
        let reader: MboxReader
        do {
            reader = try MboxReader(path: file)
        } catch {
            throw UserError(message: error.description)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: reader.path)[.size] as? Int) ?? 0
        let importer = MailboxImporter(store: store, evidence: evidence, source: "mbox")
        importer.batchSize = batch.batchSize
        importer.safety = try Wiring.messageSafety()
        importer.teamAddresses = configuration.mail.teamAddresses
        let progress = ImportProgress()
        importer.progress = { handled, last in
            let offset = last.flatMap { $0.hasPrefix("mbox:") ? Int($0.dropFirst(5)) : nil } ?? 0
            progress.update(done: offset, total: size, items: handled)
        }
        let summary = try importer.run(reader)
        progress.finish()
        ImportLog.mailbox(summary, source: importer.source)
        print(summary.line)
        if summary.broken > 0 { throw ExitCode(1) }
    }
}

/// `--batch-size N`: messages per transaction. Fewer commit more often (a killed or failed
/// import loses less work to redo, and writers wait less); more import faster.
struct ImportBatchOption: ParsableArguments {
    @Option(name: .customLong("batch-size"), help: ArgumentHelp("Messages per transaction (1 to 100000).", valueName: "n"))
    var batchSize: Int = 5_000

    func validate() throws {
        guard (1...100_000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 100000, not \(batchSize)") }
    }
}
