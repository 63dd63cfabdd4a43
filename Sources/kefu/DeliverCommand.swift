import ArgumentParser
import Foundation
import KefuChannels
import KefuCore

/// `kefu deliver [--watch]`: hands queued replies over (email through the configured sendmail
/// command, marketplace replies to a connector command or as JSON Lines), exactly once even
/// across crashes (see `OutboxDeliverer`). `--handoff` is the internal mode the deliverer starts
/// for each email or connector command. Works on both backends; several deliverers (on one
/// machine, or on many against one PostgreSQL store) share the outbox, each reply leased to one.
struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver", abstract: "Hand queued replies over: email via the sendmail command, marketplace replies to a connector command or as JSON Lines.",
        discussion: """
            Configure in the config file: mail.from, mail.sendmail (e.g. [msmtp, -t, -i]), \
            mail.marketplace_command (a connector command, for all marketplaces or per marketplace: one JSON line \
            on its standard input per reply, exit 0 = handed over), mail.marketplace_outbox (a folder; replies are \
            appended to replies.jsonl there) and mail.utc_offset. Replies to conversations that came in as mail go \
            by email, with the evidence asked for (Ctrl-O) attached; others to their marketplace's command, else as JSON Lines. \
            A failed handoff is retried by later passes (after 30 s, 1, 2, 4 minutes; at most 5 attempts; \
            --retry tries every failed reply now). Exit status 1 when some reply failed. \
            Several deliverers may run at once, on one machine or (PostgreSQL) on many: each reply is leased \
            to one of them (--lease seconds), and a deliverer that dies leaves its replies to the others once its lease lapses.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Keep delivering until Ctrl-C or SIGTERM.")
    var watch = false

    @Option(help: "Seconds between passes with --watch.")
    var interval: Double = 2

    @Flag(help: "Retry failed replies now, whatever their attempts and back-off.")
    var retry = false

    @Option(help: "Seconds a deliverer holds a reply it took; a handoff gets three quarters of it.")
    var lease: Double = 120

    @Flag(help: .hidden) var handoff = false
    @Option(help: .hidden) var spool: String?
    @Option(help: .hidden) var messageID: String?
    @Option(help: .hidden) var deadline: Int?
    @Option(help: .hidden) var outboxID: Int64?
    @Option(help: .hidden) var route: String?
    @Argument(parsing: .postTerminator, help: .hidden) var command: [String] = []

    func run() throws {
        if handoff {
            guard let spool, let messageID else { throw ValidationError("--handoff needs --spool and --message-id") }
            let options = storeOptions
            let recordSent: (() throws -> Void)? = outboxID.map { id in
                { [route] in try options.openOutboxForHandoff().markSent(id: id, route: route ?? "email", now: Date()) }
            }
            throw ExitCode(SendmailHandoff.run(
                spool: try DeliverySpool(folder: spool), messageID: messageID, command: command, deadlineSeconds: deadline,
                recordSent: recordSent))
        }
        guard interval > 0, interval <= 3600 else { throw ValidationError("--interval must be between 0 and 3600 seconds") }
        guard lease >= 2, lease <= 86_400 else { throw ValidationError("--lease must be between 2 and 86400 seconds") }
        let configuration = try Wiring.configuration()
        let store = try storeOptions.openStore()
        if let domain = configuration.mail.messageIDDomain, try store.meta("mail.message_id_domain") != domain {
            try store.setMeta("mail.message_id_domain", domain)
        }
        let spool = try DeliverySpool(folder: try storeOptions.spoolFolder().path)
        let deliverer = OutboxDeliverer(
            store: store, settings: configuration.mail, spool: spool,
            handoffLauncher: [Self.executablePath, "deliver", "--handoff"],
            attachmentFiles: ReplyAttachmentFiles(folder: try storeOptions.evidenceFolder()))
        deliverer.retryNow = retry
        deliverer.leaseSeconds = lease
        // With a spool per machine the handoff records `sent` in the store itself, found the way
        // this process found it.
        deliverer.handoffRecordsSent = try storeOptions.spoolIsPerMachine()
        if let db = storeOptions.db { deliverer.handoffEnvironment = ["KEFU_DB": db] }
        StopSignal.install()
        var failed = 0
        repeat {
            let pass = try deliverer.deliverPending(shouldStop: { StopSignal.requested })
            failed = pass.failed
            if !watch || pass.sent + pass.failed + pass.recovered > 0 {
                say("Delivered \(pass.sent) replies, \(pass.recovered) found already handed over, \(pass.failed) failed, \(pass.waiting) waiting to retry.")
            }
            deliverer.retryNow = false
            if watch { StopSignal.sleep(interval) }
        } while watch && !StopSignal.requested
        if failed > 0 && !watch { throw ExitCode(1) }
    }

    /// This program, for starting handoff processes.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
