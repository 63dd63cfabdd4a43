import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu followups`: list them (due, late, done, scheduled), set one, mark a ticket's done, and
/// run the order-driven rules (`check`).
struct FollowUpsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followups", abstract: "Follow-ups: list them, add one, mark done, run the order rules.",
        discussion: """
            A follow-up is due at its time; a reply sent after that time, or marking it done, ends it. It is late \
            when still open a day after its time (or ended only after that). Order rules (kefu.yaml followups:) \
            open a "speak first" item once per order and rule.
            """,
        subcommands: [FollowUpsListCommand.self, FollowUpsAddCommand.self, FollowUpsDoneCommand.self, FollowUpsCheckCommand.self],
        defaultSubcommand: FollowUpsListCommand.self)

    /// `--now`: an RFC 3339 instant or a date; the wall clock when not given.
    static func instant(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        guard let date = RFC3339.parse(text) ?? RFC3339.parse(text + "T00:00:00Z") else {
            throw ValidationError("--now \(TerminalSanitizer.oneLine(text)) is not an RFC 3339 instant (2026-12-10T09:00:00Z) or a date (2026-12-10)")
        }
        return date
    }
}

struct FollowUpsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List follow-ups, newest first, with where each stands.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only these: scheduled, due, late or done.")
    var status: FollowUp.Status?

    @Option(help: "Only this ticket's.")
    var ticket: Int64?

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: ArgumentHelp("Judge due and late at this time instead of now.", valueName: "time"))
    var now: String?

    func run() throws {
        let now = try FollowUpsCommand.instant(self.now)
        let store = try storeOptions.openStore(access: .readIfNotWritable)
        let all: [FollowUp]
        do { all = try store.followUps(ticketID: ticket) } catch let error as FollowUpError { throw UserError(message: error.description) }
        let shown = all.filter { status == nil || $0.status(now: now) == status }
        if json {
            let rows: [[String: Any]] = shown.map { f in
                var row: [String: Any] = [
                    "id": f.id, "ticket": f.ticketID, "status": f.status(now: now).rawValue, "kind": f.when.kindName,
                    "created_at": RFC3339.format(f.createdAt), "created_by": f.createdBy, "note": f.note,
                ]
                if let due = f.dueAt { row["due_at"] = RFC3339.format(due) }
                if case .trackingSilent(let days) = f.when { row["days"] = days }
                if let rule = f.rule { row["rule"] = rule }
                if let order = f.orderID { row["order"] = order }
                if let done = f.doneAt { row["done_at"] = RFC3339.format(done) }
                if let by = f.doneBy { row["done_by"] = by }
                return row
            }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if shown.isEmpty {
            Wiring.notice("no follow-ups\(status.map { " \($0.rawValue)" } ?? "") in \(storeOptions.storeName)")
            return
        }
        for f in shown {
            let due = f.dueAt.map(RFC3339.format) ?? "waiting on carrier events"
            let who = f.rule.map { "rule \($0)" } ?? "by \(TerminalSanitizer.oneLine(f.createdBy))"
            let what = f.rule == nil ? f.whenText : "speak first"
            var line = "#\(f.ticketID)\t\(f.status(now: now).rawValue)\t\(due)\t\(what)\t\(who)"
            if let order = f.orderID { line += "\torder \(TerminalSanitizer.oneLine(order))" }
            if !f.note.isEmpty { line += "\t\(TerminalSanitizer.oneLine(f.note))" }
            print(line)
        }
    }
}

extension FollowUp.Status: ExpressibleByArgument {}

struct FollowUpsAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Follow a ticket up: in 3 days, on 2026-12-10, when the parcel is delivered, if tracking is silent for 5 days.")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The ticket.")
    var ticket: Int64

    @Argument(help: "When, as F takes it.")
    var when: [String]

    func run() throws {
        let now = Date()
        let parsed: FollowUpWhen
        do {
            parsed = try FollowUpWhen.parse(when.joined(separator: " "), now: now, timeZone: .current)
        } catch { throw UserError(message: "\(error)") }
        let store = try storeOptions.openStore()
        do {
            let kept = try store.scheduleFollowUp(ticketID: ticket, when: parsed, agent: Wiring.agentName, now: now)
            print("#\(ticket): follow-up \(kept.whenText), due \(kept.dueAt.map(RFC3339.format) ?? "when carrier events say so")")
        } catch let error as FollowUpError { throw UserError(message: error.description) }
    }
}

struct FollowUpsDoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a ticket's open follow-ups done.")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The ticket.")
    var ticket: Int64

    func run() throws {
        let store = try storeOptions.openStore()
        do {
            let ended = try store.markFollowUpsDone(ticketID: ticket, agent: Wiring.agentName, now: Date())
            print(ended == 0 ? "#\(ticket) has no open follow-up" : "#\(ticket): \(CountText.of(ended, "follow-up")) done")
        } catch let error as FollowUpError { throw UserError(message: error.description) }
    }
}

struct FollowUpsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Run the order follow-up rules now (imports of orders and events run them too).")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Judge silence and lateness at this time instead of now.", valueName: "time"))
    var now: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let now = try FollowUpsCommand.instant(self.now)
        let store = try storeOptions.openStore()
        let outcome = try FollowUpChecking.run(store, now: now)
        if json {
            let object: [String: Any] = [
                "raised": outcome.raised.map { ["rule": $0.rule, "order": $0.orderID, "ticket": $0.ticketID] },
                "already_raised": outcome.alreadyRaised, "parcel_follow_ups_moved": outcome.parcelFollowUpsMoved,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        for raised in outcome.raised {
            print("#\(raised.ticketID)\tspeak first\trule \(raised.rule)\torder \(TerminalSanitizer.oneLine(raised.orderID))")
        }
        print(FollowUpChecking.summary(outcome))
    }
}

/// The rules run with the configuration's rules and templates, for `check` and the imports.
enum FollowUpChecking {
    static func run(_ store: any ProactiveFollowUpStore, now: Date) throws -> FollowUpRunner.Outcome {
        let configuration = try Wiring.configuration()
        do {
            return try FollowUpRunner.run(
                store: store, rules: configuration.followUpRules, templates: try Wiring.templates(), agentName: Wiring.agentName,
                storeName: "Kefu", now: now)
        } catch let error as FollowUpError {
            throw UserError(message: error.description)
        } catch let error as FollowUpRunner.MissingTemplate {
            throw UserError(message: error.description)
        }
    }

    static func summary(_ outcome: FollowUpRunner.Outcome) -> String {
        "Follow-up rules: \(CountText.of(outcome.raised.count, "speak-first item")) opened, \(outcome.alreadyRaised) fired before, "
            + "\(CountText.of(outcome.parcelFollowUpsMoved, "parcel follow-up")) moved."
    }
}
