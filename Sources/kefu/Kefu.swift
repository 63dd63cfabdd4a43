import ArgumentParser
import Foundation

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
            AssignCommand.self, OutcomeCommand.self, ReportCommand.self, NextCommand.self, ReplyCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    /// A first word that names no command would otherwise go to the default `console` command,
    /// which then reports it against `kefu console`; it is `kefu` that does not know it.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let unknown = unknownCommand(first) {
            FileHandle.standardError.write(Data(unknown.utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        main(arguments)
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
