import KefuCore

/// Holds, "no response needed" and the all-clocks display, from the queue or the thread.
extension AppState {
    /// The ticket a queue or thread command acts on: the open thread's in the thread, the
    /// selection in the queue.
    func targetTicket(in context: KeyContext) -> Ticket? {
        context == .thread ? thread?.ticket : queue.selectedTicket
    }

    mutating func runClockCommand(_ command: Command, context: KeyContext) -> [Effect] {
        guard let ticket = targetTicket(in: context) else { return [] }
        switch command {
        case .toggleHold:
            return [.setHold(ticketID: ticket.id, reason: ticket.hold == .onHold ? nil : .onHold)]
        case .toggleWaiting:
            return [.setHold(ticketID: ticket.id, reason: ticket.hold == .waitingOnCustomer ? nil : .waitingOnCustomer)]
        case .noResponseNeeded:
            prompt = PromptState(kind: .confirm(.noResponseNeeded(ticketID: ticket.id, customer: ticket.customerName)), text: "")
            return []
        case .showClocks:
            showsAllClocks.toggle()
            if showsAllClocks, thread?.ticket.id != ticket.id { return [.loadThread(ticket.id)] }
            return []
        default:
            return []
        }
    }

    /// The answer to a yes/no prompt: `y` or Enter goes ahead, anything else leaves it.
    mutating func answer(_ confirmation: Confirmation, yes: Bool) -> [Effect] {
        guard yes else {
            switch confirmation {
            case .sendDespiteWarnings: showFlash("Not sent: fix the warnings or send again", .info)
            case .solveUnanswered: showFlash("Not solved", .info)
            case .noResponseNeeded: showFlash("Left as it was", .info)
            case .fixGreetingName: showFlash("Not sent: the greeting still names someone else (line 1)", .info)
            case .insertProofAgain: showFlash("Not inserted again", .info)
            case .sendDespiteNewer: showFlash("Not sent: your reply is kept in the composer — read what arrived, then Ctrl-S", .info)
            }
            return []
        }
        switch confirmation {
        case .noResponseNeeded(let id, _):
            return [.markNoResponseNeeded(ticketID: id)]
        case .sendDespiteWarnings(let id, _):
            return sendDespiteWarnings(ticketID: id)
        case .solveUnanswered(_, let context):
            return openOutcomePrompt(context: context, confirmed: true)
        case .fixGreetingName(let id, let wrong, let right, let line, let column):
            return fixGreetingName(ticketID: id, wrong: wrong, right: right, line: line, column: column)
        case .insertProofAgain(let pending):
            return insertProofAgain(pending)
        case .sendDespiteNewer(let id, _, let newest):
            return sendDespiteNewer(ticketID: id, newestID: newest)
        }
    }

    mutating func clocksChanged(ticketID: Int64, message: String) -> [Effect] {
        showFlash(message, .info)
        var effects: [Effect] = [.loadQueue(.reload(keep: ticketID)), .loadTotals]
        if thread?.ticket.id == ticketID { effects.append(.loadThread(ticketID)) }
        return effects
    }
}
