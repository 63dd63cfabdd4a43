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
            first) that is not snoozed and that no other agent owns or holds. The ticket is claimed for \
            the agent (a lease of team.claim_idle, 10 minutes by default; --after ID lets that ticket \
            go first); --peek only looks. Exit status 1 when nothing is left.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print the ticket as a JSON object (the fields of kefu queue --json).")
    var json = false

    @Option(name: .customLong("as"), help: "Choose for this agent (default: $KEFU_AGENT, else your login name).")
    var agent: String?

    @Option(help: "The ticket after which to look (as n does from an open ticket).")
    var after: Int64?

    @Flag(help: "Only look: print the ticket n would open without claiming it.")
    var peek = false

    func run() throws {
        let store = try storeOptions.openStore()
        let name = agent ?? Wiring.agentName
        let now = Date()
        var position: QueuePosition?
        if let after {
            guard let ticket = try store.ticket(id: after) else { throw UserError(message: "no ticket #\(after)") }
            position = QueuePosition(ticket)
        }
        let found: Ticket?
        if !peek, let claiming = store as? any TicketClaiming {
            // The same claim as the console's n: a lease in the store, so two scripts (or a script
            // and a console) never get the same ticket.
            switch try claiming.claimNext(for: name, releasing: after, rules: try Wiring.configuration().claims, now: now) {
            case .claimed(let ticket): found = ticket
            case .nothingFree: found = nil
            case .atCapacity(let held):
                // At capacity the answer is the ticket already held: asking again is harmless.
                found = try held.first.flatMap { try store.ticket(id: $0) }
                FileHandle.standardError.write(Data("kefu: \(TerminalSanitizer.oneLine(name)) already holds \(held.map { "#\($0)" }.joined(separator: ", ")) (team.capacity \(try Wiring.configuration().claims.capacity)): answer it first\n".utf8))
            }
        } else {
            found = try store.nextTicket(for: name, after: position, now: now)
        }
        guard let ticket = found else {
            FileHandle.standardError.write(Data("kefu: nothing to answer for \(TerminalSanitizer.oneLine(name))\n".utf8))
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
