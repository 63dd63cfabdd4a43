import ArgumentParser
import Foundation
import KefuConsole
import KefuCore
import KefuStore

/// `kefu show ID`: one thread as text, sanitised, with its order summary.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print one conversation.")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The ticket id (as `kefu queue` prints it).")
    var id: Int64

    @Option(help: "Wrap lines at this many columns.")
    var width = 100

    @Flag(help: "Print the conversation as JSON: the ticket and its messages, each with its scam findings.")
    var json = false

    func run() throws {
        let store = try storeOptions.openAnyBackend(access: .readIfNotWritable)
        guard let ticket = try store.ticket(id: id) else {
            throw UserError(message: "no ticket #\(id) in \(try storeOptions.location().location)")
        }
        let order = try ticket.orderID.flatMap { try store.order(id: $0) }
        let messages = try store.messages(ticketID: id)
        if json {
            print(try ShowJSON.render(ticket: ticket, messages: messages))
            return
        }
        var thread = ThreadState(ticket: ticket, messages: messages, order: order)
        thread.proof = try Wiring.proofLoader(store: store, options: storeOptions).proof(for: order)
        for line in ThreadLines.make(thread, width: max(20, width), now: Date()) {
            print(line.text)
        }
    }
}
