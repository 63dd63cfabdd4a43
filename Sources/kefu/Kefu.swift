import ArgumentParser
import Foundation
import KefuLogging
import KefuStore
import Logging

/// The `kefu` command: the console by default, plus scriptable subcommands.
@main
struct Kefu: ParsableCommand {
    /// The version `kefu --version` prints.
    static let version = "0.18.0"

    static let configuration = CommandConfiguration(
        commandName: "kefu",
        abstract: "A terminal console for cross-border customer service.",
        discussion: """
            Shell completions: kefu --generate-completion-script bash|zsh|fish. \
            A man page: swift package plugin generate-manual (see README).
            """,
        version: "kefu \(version)",
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, IngestCommand.self, QueueCommand.self, ShowCommand.self, TrackCommand.self, SLACommand.self,
            ImportCommand.self, WatchCommand.self, QuarantineCommand.self, OutboxCommand.self, DeliverCommand.self,
            EvidenceCommand.self, ParcelCommand.self, LinksCommand.self,
            AssignCommand.self, OutcomeCommand.self, ReportCommand.self, NextCommand.self, ReplyCommand.self, AuditCommand.self, StoreCommand.self, FollowUpsCommand.self,
            CustomerCommand.self, CustomersCommand.self, NotifyCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    /// A first word that names no command would otherwise go to the default `console` command,
    /// which then reports it against `kefu console`; it is `kefu` that does not know it. Then
    /// the log starts and the command runs; a failure is logged (its kind and a redacted
    /// reason) before it is printed, so the log tells what happened to each run.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        ArgumentPasswords.hide()
        if let first = arguments.first, let unknown = unknownCommand(first) {
            FileHandle.standardError.write(Data(unknown.utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        KefuLog.bootstrap()
        let log = Logger(label: "kefu")
        do {
            var command = try parseAsRoot(arguments)
            let name = type(of: command).configuration.commandName ?? "kefu"
            log.debug("command started", metadata: ["command": "\(name)"])
            try command.run()
        } catch {
            if let code = error as? ExitCode {
                if code != .success { log.notice("command ended", metadata: ["status": "\(code.rawValue)"]) }
            } else if let explained = StoreWriteFailure.explain(error) {
                log.error("store write refused", metadata: ["error": "\(type(of: error))", "reason": "\(error)"])
                FileHandle.standardError.write(Data("Error: \(explained)\n".utf8))
                Foundation.exit(1)
            } else if !(error is CleanExit) {
                log.error("command failed", metadata: ["error": "\(type(of: error))", "reason": "\(error)"])
            }
            exit(withError: error)
        }
    }

    /// The error for a first word that is neither an option nor a command, nil otherwise.
    static func unknownCommand(_ word: String) -> String? {
        guard !word.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
        guard !names.contains(word) else { return nil }
        return """
            Error: '\(word)' is not a kefu command.
            Commands: \(names.filter { $0 != "help" }.joined(separator: ", ")).
            Usage: kefu [<command>] [--db PATH]   (no command: the console)
              See 'kefu --help' or 'kefu help <command>'.

            """
    }
}
