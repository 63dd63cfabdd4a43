import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu sla explain ID`: which SLA policy applies to a ticket, why, and what its clocks are.
struct SLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla", abstract: "Reply deadlines: explain which policy applies to a ticket.",
        subcommands: [Explain.self])

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain", abstract: "Say which policy applies to a ticket in each layer, and why.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The ticket id (as `kefu queue` prints it).")
        var id: Int64

        func run() throws {
            let store = try storeOptions.openStore(access: .readIfNotWritable)
            guard let engine = store.policy as? SLAEngine else { throw UserError(message: "no SLA engine configured") }
            guard let facts = try store.conversationFacts(ticketID: id) else {
                throw UserError(message: "no ticket #\(id) in \(storeOptions.storeName)")
            }
            print(engine.explain(facts).description)
        }
    }
}
