import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu outcome set|show`: the outcome of a solved ticket, for leads who correct it later.
struct OutcomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome", abstract: "Show or change the recorded outcome of a ticket.",
        subcommands: [Set.self, Show.self], defaultSubcommand: Show.self)

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Record or change a ticket's outcome (the old one stays in its history).")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The ticket id.") var id: Int64
        @Option(help: ArgumentHelp("The problem: \(Problem.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "problem"))
        var problem: String
        @Option(help: ArgumentHelp("Who was responsible: \(ResponsibleParty.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "party"))
        var responsible: String
        @Option(help: ArgumentHelp("The resolution: \(Resolution.allCases.map(\.rawValue).joined(separator: ", ")) (default: the usual one for the problem).", valueName: "resolution"))
        var resolution: String?
        @Option(help: "Who records it (default: $KEFU_AGENT, else the login name; with a team list, another name only for leads).") var by: String?
        @Flag(help: "Also mark the ticket solved (settling its resolution clock) if it is not.") var solve = false

        func run() throws {
            guard let problem = Problem(rawValue: problem) else {
                throw ValidationError("--problem \(problem) is not one of: \(Problem.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let party = ResponsibleParty(rawValue: responsible) else {
                throw ValidationError("--responsible \(responsible) is not one of: \(ResponsibleParty.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var chosen: Resolution?
            if let resolution {
                guard let value = Resolution(rawValue: resolution) else {
                    throw ValidationError("--resolution \(resolution) is not one of: \(Resolution.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                chosen = value
            }
            let acting = try Wiring.acting(by: by)
            let store = try storeOptions.openStore()
            let choice = OutcomeChoice(problem: problem, responsible: party, resolution: chosen)
            let who = acting.name
            do {
                let recorded: RecordedOutcome
                if solve, try store.ticket(id: id)?.status != .solved {
                    let solved = try store.solve(ticketID: id, outcome: choice, acting: acting, now: Date())
                    recorded = solved.outcome
                    if !solved.closedUnanswered.isEmpty {
                        Wiring.notice("#\(id) was solved without a reply to the customer's last message: it counts as unanswered (breached)")
                    }
                } else {
                    // Changing an outcome already recorded is a lead's (refused, nothing changed).
                    recorded = try store.setOutcome(ticketID: id, outcome: choice, acting: acting, now: Date())
                }
                print("#\(id): \(recorded.choice.summary) (recorded by \(TerminalSanitizer.oneLine(who)))")
            } catch StoreError.ticketNotFound(let missing) {
                throw UserError(message: "no ticket #\(missing) in \(storeOptions.storeName)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a ticket's outcome and its history.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The ticket id.") var id: Int64

        func run() throws {
            let store = try storeOptions.openStore(access: .readIfNotWritable)
            guard try store.ticket(id: id) != nil else { throw UserError(message: "no ticket #\(id) in \(storeOptions.storeName)") }
            let history = try store.outcomeHistory(ticketID: id)
            guard let current = try store.outcome(ticketID: id) else {
                print("#\(id): no outcome recorded")
                return
            }
            print("#\(id): \(current.choice.summary) · solved \(RFC3339.format(current.solvedAt)) · order \(TerminalSanitizer.oneLine(current.orderID ?? "—"))")
            for entry in history {
                print("  \(RFC3339.format(entry.recordedAt))  \(TerminalSanitizer.oneLine(entry.recordedBy)): \(entry.choice.summary)")
            }
        }
    }
}
