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
        if case .field(let entry) = prompt.kind, key == .escape || key == .ctrl("c") {
            // Esc keeps the template: what was answered is filled, the rest stays {open} and the
            // checks name it before anything is sent.
            self.prompt = nil
            let open = entry.remaining
            let effects = insert(entry.template, language: entry.language, values: entry.values)
            showFlash("Inserted “\(entry.template.title)” with \(open.map { "{\($0)}" }.joined(separator: ", ")) to fill", .info)
            return effects
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
            case .snooze(let id):
                return snooze(ticketID: id, text: prompt.text)
            case .followUp(let id):
                return followUp(ticketID: id, text: prompt.text)
            case .jump:
                return openTicket(argument: prompt.text)
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
        ("sort [triage | deadline]", "savable first (the default) or plain deadline order; alone: switch"),
        ("open ID, #ID", "open ticket ID"),
        ("snooze TIME", "snooze the ticket until TIME (14:00, tomorrow 9, 2h); empty: wake it"),
        ("followup WHEN", "follow the ticket up (in 3 days, on 2026-12-10, delivered, silent 5d); done: end its follow-ups"),
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
        case "sort":
            let order: QueueOrder
            switch argument.lowercased() {
            case "": order = queue.order == .triage ? .deadline : .triage
            case "triage", "savable": order = .triage
            case "deadline", "due": order = .deadline
            default:
                showFlash("sort takes triage or deadline (alone: switch)", .error)
                return []
            }
            queue.order = order
            queue.selected = 0
            showFlash(order == .triage ? "Sorted: savable first, then late (longest late first)" : "Sorted by deadline, nearest first", .info)
            return [.loadQueue(.top)]
        case "open", "o", "ticket":
            return openTicket(argument: argument)
        case _ where name.hasPrefix("#"):
            return openTicket(argument: name)
        case "snooze":
            guard let ticket = thread?.ticket ?? queue.selectedTicket else { return [] }
            return snooze(ticketID: ticket.id, text: argument)
        case "followup", "follow-up", "fu":
            guard let ticket = thread?.ticket ?? queue.selectedTicket else { return [] }
            return followUp(ticketID: ticket.id, text: argument)
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
            outcomePrompt = OutcomePromptState(ticketID: id, customerName: "", mode: .edit)
            return []
        case "assign":
            return assign(batchTargets(), to: argument)
        default:
            showFlash("Unknown command “\(name)” — try :help", .error)
            return []
        }
    }
}
