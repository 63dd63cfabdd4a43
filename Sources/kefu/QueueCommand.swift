import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu queue`: the queue in the console's order, as text or JSON.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "Print the queue in the console's order (most urgent first).")

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @Option(help: "Which tickets: needs-reply, all-open, overdue, due-soon.")
    var view: String = "needs-reply"

    @Option(help: "At most this many tickets (default: all).")
    var limit: Int?

    @Option(help: "triage (the console's default: savable first, then late, longest late first) or deadline.")
    var sort: String = "triage"

    func run() throws {
        guard let queueView = QueueView(rawValue: view) else {
            throw ValidationError("--view must be one of: \(QueueView.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let store = try storeOptions.openAnyBackend(access: .readIfNotWritable)
        let now = Date()
        guard let order = QueueOrder(rawValue: sort) else {
            throw ValidationError("--sort must be triage or deadline")
        }
        let query = QueueQuery(view: queueView, now: now, order: order)
        var tickets: [Ticket] = []
        var position: QueuePosition?
        while limit.map({ tickets.count < $0 }) ?? true {
            let page = try store.queue(query, after: position, limit: min(1_000, (limit ?? .max) - tickets.count))
            if page.isEmpty { break }
            tickets += page
            position = QueuePosition(page.last!)
        }
        if json {
            let objects = try tickets.map { try Self.jsonObject($0, store: store) }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        for ticket in tickets {
            let countdown = Countdown.queueText(due: ticket.due, now: now)
            let flag = ticket.lastFrom == .customer ? "*" : " "
            let customer = DisplayWidth.fit(TerminalSanitizer.oneLine(ticket.customerName), to: 20)
            let mark = ticket.safetyMark.map { "⚠ \($0) " } ?? ""
            let subject = mark + TerminalSanitizer.oneLine(ticket.subject.isEmpty ? ticket.snippet : ticket.subject)
            print("\(String(ticket.id).padding(toLength: 7, withPad: " ", startingAt: 0)) \(DisplayWidth.fit(countdown, to: 15)) \(DisplayWidth.fit(ticket.marketplace.shortLabel, to: 4)) \(flag) \(customer) \(DisplayWidth.truncate(subject, to: 60))")
        }
    }

    /// One ticket as `kefu queue --json` and `kefu next --json` print it.
    static func jsonObject(_ ticket: Ticket, store: any TicketStore) throws -> [String: Any] {
        [
            "id": ticket.id, "conversation": ticket.conversation, "customer": ticket.customerName,
            "customer_address": ticket.customerAddress, "channel": ticket.channel.rawValue,
            "marketplace": ticket.marketplace.rawValue, "status": ticket.status.rawValue,
            "last_from": ticket.lastFrom.rawValue, "subject": ticket.subject,
            "due": ticket.due.map(RFC3339.format) ?? NSNull(),
            "clock": ticket.due == nil ? NSNull() : ticket.clockLabel,
            "order": ticket.orderID ?? NSNull(), "language": ticket.language ?? NSNull(),
            "assignee": ticket.assignee ?? NSNull(),
            "hold": ticket.hold?.rawValue ?? NSNull(),
            "safety": ticket.safetyMark ?? NSNull(),
            "segment": ticket.segment ?? NSNull(),
            "snoozed_until": ticket.snoozedUntil.map(RFC3339.format) ?? NSNull(),
            "deadlines": try store.clocks(ticketID: ticket.id).map { clock -> [String: Any] in
                ["kind": clock.kind.rawValue, "policy": clock.policy, "due": RFC3339.format(clock.due),
                 "business": clock.business, "paused": clock.paused]
            },
        ]
    }
}
