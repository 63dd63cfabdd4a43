import Foundation
import KefuCore

/// The `/` filter and the `:` palette, typed on the hint line.
extension AppState {
    mutating func handlePromptKey(_ key: Key) -> [Effect] {
        guard var prompt else { return [] }
        if case .confirm(let confirmation) = prompt.kind {
            self.prompt = nil
            if case .solveUnanswered(let id, let context) = confirmation, key == .char("N") {
                return solveNeedingNoReply(ticketID: id, context: context)
            }
            return answer(confirmation, yes: key == .char("y") || key == .char("Y") || key == .enter)
        }
        if case .field = prompt.kind, key == .escape || key == .ctrl("c") {
            self.prompt = nil
            showFlash("Template not inserted", .info)
            return []
        }
        switch key {
        case .escape, .ctrl("c"):
            self.prompt = nil
            if case .filter(let previous) = prompt.kind, previous != queue.filter {
                queue.filter = previous
                return [.loadQueue(.top)]
            }
            return []
        case .enter:
            self.prompt = nil
            switch prompt.kind {
            case .filter:
                return []
            case .command:
                return runPalette(prompt.text)
            case .confirm:
                return []
            case .assign(let ids):
                return assign(ids, to: prompt.text)
            case .field(let entry):
                return answerField(entry, value: prompt.text)
            case .templateName:
                return saveAsTemplate(named: prompt.text)
            }
        case .backspace:
            if prompt.text.isEmpty, case .field = prompt.kind { return [] }
            if prompt.text.isEmpty {
                self.prompt = nil
                return []
            }
            prompt.text.removeLast()
        case .ctrl("u"), .ctrl("w"):
            prompt.text = ""
        case .char(let c):
            prompt.text.append(c)
        default:
            return []
        }
        self.prompt = prompt
        if case .filter = prompt.kind {
            queue.filter = prompt.text
            queue.selected = 0
            return [.loadQueue(.top)]
        }
        return []
    }

    /// The palette's commands. Each is also reachable by a key; the palette is for the ones
    /// a user remembers by name.
    public static let paletteCommands: [(name: String, summary: String)] = [
        ("q, quit", "quit (drafts are kept)"),
        ("help", "every key of this screen"),
        ("view needs-reply | all-open | overdue | due-soon | customer-last", "what the queue lists"),
        ("filter TEXT", "filter the queue by text (empty: no filter)"),
        ("top, bottom", "first or last ticket"),
        ("dashboard", "the team dashboard"),
        ("outcome ID", "edit the outcome of a solved ticket (leads)"),
        ("assign NAME", "give the marked (or selected) tickets to NAME (empty: nobody)"),
    ]

    mutating func runPalette(_ text: String) -> [Effect] {
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = words.first?.lowercased() else { return [] }
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "q", "quit", "q!", "wq":
            return requestQuit()
        case "help", "h":
            overlay = .help(keyContext)
            return []
        case "view":
            guard let view = QueueView(rawValue: argument.lowercased()) ?? (argument == "all" ? .allOpen : nil) else {
                showFlash("view takes one of: " + QueueView.allCases.map(\.rawValue).joined(separator: ", "), .error)
                return []
            }
            return switchView(view)
        case "filter":
            queue.filter = argument
            queue.selected = 0
            return [.loadQueue(.top)]
        case "top":
            return runQueue(.top, count: 1)
        case "bottom":
            return runQueue(.bottom, count: 1)
        case "dashboard", "dash":
            return openDashboard()
        case "outcome":
            guard let id = Int64(argument.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
                showFlash("outcome takes a ticket number, e.g. :outcome 42", .error)
                return []
            }
            // The lead's correction path: refused at once rather than after two keys.
            if refuses(.editOutcome(ticketID: id)) { return [] }
            outcomePrompt = OutcomePromptState(ticketID: id, customerName: "#\(id)", mode: .edit)
            return []
        case "assign":
            return assign(batchTargets(), to: argument)
        default:
            showFlash("Unknown command “\(name)” — try :help", .error)
            return []
        }
    }
}
