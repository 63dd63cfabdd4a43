import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu audit`: who claimed, let go, assigned, solved, held, snoozed or removed what, and when,
/// from the store's append-only audit log (either backend), newest last.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit log: claims, releases, assignments, outcomes, holds, snoozes and removals, with who and when.",
        discussion: """
            Newest last. --since takes an RFC 3339 instant (2026-11-18T16:00:00Z) or a duration back from now \
            (30m, 2h, 7d, 1h30m). Details are Kefu's own words, never customer text.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("Only entries from this time on: an RFC 3339 instant or a duration back from now.", valueName: "time|duration"))
    var since: String?
    @Option(help: ArgumentHelp("Only entries about this ticket.", valueName: "id")) var ticket: Int64?
    @Option(help: ArgumentHelp("Only entries by this agent (as the log names them).", valueName: "id")) var agent: String?
    @Option(help: ArgumentHelp("At most the newest N entries (default: all).", valueName: "n")) var limit: Int?
    @Flag(help: "Print a JSON array instead of lines.") var json = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (got \(limit))") }
        if let since { _ = try Self.instant(since, now: Date()) }
    }

    func run() throws {
        let query = AuditQuery(since: try since.map { try Self.instant($0, now: Date()) }, ticketID: ticket, agent: agent, limit: limit)
        let store = try storeOptions.openStore(access: .readIfNotWritable)
        let entries = try store.auditEntries(query)
        if json {
            let objects = entries.map { entry -> [String: Any] in
                [
                    "id": entry.id, "at": RFC3339.format(entry.at), "agent": TerminalSanitizer.oneLine(entry.agent),
                    "action": entry.action.rawValue, "ticket": entry.ticketID ?? NSNull(),
                    "detail": TerminalSanitizer.oneLine(entry.detail),
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if entries.isEmpty {
            Wiring.notice("no audit entries match in \(storeOptions.storeName)")
            return
        }
        for entry in entries { print(Self.line(entry)) }
    }

    /// One entry as a line: time, ticket, action, agent, detail (agent and detail sanitised).
    static func line(_ entry: AuditEntry) -> String {
        let ticket = entry.ticketID.map { "#\($0)" } ?? "-"
        return [
            RFC3339.format(entry.at), DisplayWidth.fit(ticket, to: 8), DisplayWidth.fit(entry.action.rawValue, to: 18),
            DisplayWidth.fit(TerminalSanitizer.oneLine(entry.agent), to: 16), TerminalSanitizer.oneLine(entry.detail),
        ].joined(separator: "  ")
    }

    /// `--since`: an RFC 3339 instant, or a calendar duration counted back from `now`.
    static func instant(_ text: String, now: Date) throws -> Date {
        if let instant = RFC3339.parse(text) { return instant }
        if case .calendar(let seconds)? = SLADuration(parsing: text) { return now.addingTimeInterval(-seconds) }
        throw ValidationError("--since \(TerminalSanitizer.oneLine(text)) is neither an RFC 3339 instant (2026-11-18T16:00:00Z) nor a duration back from now (30m, 2h, 7d)")
    }
}
