import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu outbox [--json]`: every reply in the outbox and where it stands.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List replies in the outbox: queued, sending, sent, failed (with reason and attempts), bounced (with the report's reason).")

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @Option(help: "Only replies in this state: queued, sending, sent, failed, bounced.")
    var state: String?

    func run() throws {
        var states = OutboxEntry.State.allCases
        if let state {
            guard let chosen = OutboxEntry.State(rawValue: state) else {
                throw ValidationError("--state must be one of: \(OutboxEntry.State.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            states = [chosen]
        }
        let store = try storeOptions.openStore(access: .readIfNotWritable)
        let entries = try store.outboxEntries(states: states)
        if json {
            let objects = entries.map { entry -> [String: Any] in
                [
                    "id": entry.id, "ticket": entry.ticketID, "message": entry.messageID, "idempotency_key": entry.idempotencyKey,
                    "message_id": entry.mailMessageID, "state": entry.state.rawValue, "attempts": entry.attempts,
                    "retried": entry.attempts > 1, "error": entry.lastError ?? NSNull(), "route": entry.route ?? NSNull(),
                    "queued_at": RFC3339.format(entry.queuedAt), "updated_at": RFC3339.format(entry.updatedAt),
                    "handed_over_at": entry.handedOverAt.map(RFC3339.format) ?? NSNull(),
                    "attachments": entry.attachments.map(\.evidenceID),
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if entries.isEmpty {
            print("The outbox is empty.")
            return
        }
        for entry in entries {
            let label = DeliveryState(state: entry.state.rawValue, attempts: entry.attempts, lastError: entry.lastError).label
            let to = DisplayWidth.fit(TerminalSanitizer.oneLine(entry.customerAddress), to: 32)
            let attached = entry.attachments.isEmpty ? "" : "  attach: " + entry.attachments.map(\.evidenceID).joined(separator: ", ")
            print("#\(entry.ticketID)  \(RFC3339.format(entry.queuedAt))  \(entry.route ?? (entry.isMailConversation ? "email" : "marketplace"))  \(to)  \(TerminalSanitizer.oneLine(label))\(attached)")
        }
        let counts = Dictionary(grouping: entries, by: \.state).mapValues(\.count)
        print(OutboxEntry.State.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ") + ".")
    }
}
