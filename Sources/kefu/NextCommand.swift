import ArgumentParser
import Foundation
import KefuCore

/// `kefu next`: the ticket the console's `n` would open, for scripts and connectors.
struct NextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Print the id of the next ticket to answer (savable first, nobody else's).",
        discussion: """
            The same choice as the console's n: the first ticket of the needs-reply queue in triage \
            order (what can still meet its deadline, nearest first, then what is late, longest late \
            first) that is not snoozed and that no other agent owns. Exit status 1 when nothing is left.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print the ticket as a JSON object (the fields of kefu queue --json).")
    var json = false

    @Option(name: .customLong("as"), help: "Choose for this agent (default: $KEFU_AGENT, else your login name).")
    var agent: String?

    @Option(help: "The ticket after which to look (as n does from an open ticket).")
    var after: Int64?

    func run() throws {
        let store = try storeOptions.openStore()
        let name = agent ?? Wiring.agentName
        let now = Date()
        var position: QueuePosition?
        if let after {
            guard let ticket = try store.ticket(id: after) else { throw UserError(message: "no ticket #\(after)") }
            position = QueuePosition(ticket)
        }
        guard let ticket = try store.nextTicket(for: name, after: position, now: now) else {
            FileHandle.standardError.write(Data("kefu: nothing to answer for \(name)\n".utf8))
            throw ExitCode(1)
        }
        if json {
            let data = try JSONSerialization.data(
                withJSONObject: try QueueCommand.jsonObject(ticket, store: store), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(ticket.id)
        }
    }
}
