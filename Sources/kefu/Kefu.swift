import ArgumentParser

/// The `kefu` command: the console by default, plus scriptable subcommands.
@main
struct Kefu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kefu",
        abstract: "A terminal console for cross-border customer service.",
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, IngestCommand.self, QueueCommand.self, ShowCommand.self, TrackCommand.self, SLACommand.self,
            ImportCommand.self, WatchCommand.self, QuarantineCommand.self, OutboxCommand.self, DeliverCommand.self,
            EvidenceCommand.self, ParcelCommand.self, LinksCommand.self,
            AssignCommand.self, OutcomeCommand.self, ReportCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}
