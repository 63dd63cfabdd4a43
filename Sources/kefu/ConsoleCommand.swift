import ArgumentParser
import Glibc
import KefuConsole
import KefuStore

/// `kefu` (or `kefu console`): the console on the default store or `--db PATH`.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "Open the console on a store (the default when no command is given).")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UserError(message: "the console needs a terminal; for scripts use `kefu queue`, `kefu show ID` or `kefu ingest FILE`")
        }
        let store = try storeOptions.openAnyBackend(access: .readIfNotWritable, quiet: true)
        let configuration = try Wiring.configuration()
        let profile = AgentProfile(Wiring.actingAgent(configuration: configuration), storeName: "Kefu", team: configuration.team)
        try ConsoleRunner.run(store: store, profile: profile, proof: try Wiring.proofLoader(store: store, options: storeOptions),
                              sendAndNext: configuration.console.afterSend == .next, claims: configuration.claims,
                              localDrafts: try storeOptions.localDraftFolder())
    }
}
