import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu assign ID... --to NAME` (or `--nobody`): give tickets to an agent from a script.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Give tickets to an agent (or to nobody); every change is recorded with who and when.")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "Ticket ids.") var ids: [Int64]
    @Option(help: "The agent who will own them.") var to: String?
    @Flag(help: "Take them from whoever owns them (unassigned).") var nobody = false
    @Option(help: "Who makes the change (default: $KEFU_AGENT, else the login name; with a team list, another name only for leads).") var by: String?

    func validate() throws {
        if ids.isEmpty { throw ValidationError("name at least one ticket id") }
        if (to == nil) == !nobody { throw ValidationError("give exactly one of --to NAME or --nobody") }
        if let to, to.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--to needs a name (or use --nobody)") }
    }

    func run() throws {
        let acting = try Wiring.acting(by: by)
        let store = try storeOptions.openStore()
        do {
            // With a team list, only leads move batches or other people's tickets (checked in the
            // same transaction as the change; a refusal changes nothing).
            let changes = try store.assign(ticketIDs: ids, to: nobody ? nil : to, acting: acting, now: Date())
            print("\(changes.count) of \(ids.count) tickets now belong to \(nobody ? "nobody" : TerminalSanitizer.oneLine(to ?? ""))")
        } catch StoreError.ticketNotFound(let missing) {
            throw UserError(message: "no ticket #\(missing) in \(storeOptions.storeName); nothing was assigned")
        }
    }
}
