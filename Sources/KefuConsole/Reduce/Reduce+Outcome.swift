import KefuCore

/// The outcome prompt of `S` (and `:outcome ID` for leads): problem key, then responsible key.
extension AppState {
    mutating func openOutcomePrompt(context: KeyContext, confirmed: Bool = false) -> [Effect] {
        let ticket = context == .thread ? thread?.ticket ?? queue.selectedTicket : queue.selectedTicket
        guard let ticket else { return [] }
        // Solving does not answer the customer: the message is recorded as closed without a
        // reply (breached, and unanswered for Amazon's rate). Ask first.
        if !confirmed, ticket.status == .open, ticket.awaitingReply {
            prompt = PromptState(kind: .confirm(.solveUnanswered(ticketID: ticket.id, context: context)), text: "")
            return []
        }
        outcomePrompt = OutcomePromptState(ticketID: ticket.id, customerName: TerminalSanitizer.oneLine(ticket.customerName))
        return []
    }

    /// `N` at the "No reply yet" question: the message needs no answer (settled as excused, out
    /// of every figure), then the outcome prompt as usual. The engine settles it before the
    /// solve that the two keys will ask for.
    mutating func solveNeedingNoReply(ticketID: Int64, context: KeyContext) -> [Effect] {
        let effects = openOutcomePrompt(context: context, confirmed: true)
        return [.markNoResponseNeeded(ticketID: ticketID)] + effects
    }

    mutating func handleOutcomeKey(_ key: Key) -> [Effect] {
        guard var prompt = outcomePrompt else { return [] }
        switch key {
        case .escape, .ctrl("c"):
            outcomePrompt = nil
            showFlash(prompt.mode == .solve ? "Not solved" : "Outcome unchanged", .info)
            return []
        case .backspace:
            if prompt.problem == nil {
                outcomePrompt = nil
                return []
            }
            prompt.problem = nil
            prompt.resolution = nil
        case .char(let c):
            if prompt.problem == nil {
                guard let problem = Problem.allCases.first(where: { $0.key == c }) else {
                    showFlash("No problem on “\(c)”: pick one of the keys shown", .error)
                    return []
                }
                prompt.problem = problem
            } else if let resolution = Resolution.allCases.first(where: { $0.key == c }) {
                prompt.resolution = resolution
            } else if let responsible = ResponsibleParty.allCases.first(where: { $0.key == c }), let problem = prompt.problem {
                outcomePrompt = nil
                let choice = OutcomeChoice(problem: problem, responsible: responsible, resolution: prompt.resolution)
                return [.team(prompt.mode == .solve
                    ? .solve(ticketID: prompt.ticketID, outcome: choice)
                    : .setOutcome(ticketID: prompt.ticketID, outcome: choice))]
            } else {
                showFlash("No one responsible on “\(c)”: pick one of the keys shown, or a digit for the resolution", .error)
                return []
            }
        default:
            return []
        }
        outcomePrompt = prompt
        return []
    }

    mutating func receiveSolved(_ solved: SolvedTicket) -> [Effect] {
        var text = "Solved #\(solved.ticket.id) · \(solved.outcome.choice.summary)"
        if let clock = solved.settled.first(where: { $0.clock.kind == .resolution }) {
            let margin = clock.clock.due.timeIntervalSince(clock.settledAt)
            text += clock.met ? " · resolved in time" : " · resolution \(Countdown.compact(remaining: -margin)) late"
        }
        if !solved.closedUnanswered.isEmpty { text += " · closed without a reply: counts as unanswered" }
        showFlash(text, .info)
        marked.remove(solved.ticket.id)
        var effects: [Effect] = [.loadQueue(.reload(keep: nil)), .loadTotals]
        if thread?.ticket.id == solved.ticket.id { effects.append(.loadThread(solved.ticket.id)) }
        return effects
    }
}
