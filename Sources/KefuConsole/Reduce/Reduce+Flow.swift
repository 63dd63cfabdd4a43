import Foundation
import KefuCore

/// Moving between tickets the way a peak hour needs: `n` the next ticket to answer (the store
/// decides which: `TicketStore.nextTicket`), `p` back to the one before, `#`/`:open ID` any
/// ticket, `z` snooze until a typed time. After a reply is sent the next ticket opens by
/// itself unless the agent's settings keep the old "stay" behaviour.
extension AppState {
    /// `n`: from the queue, the most urgent ticket nobody else is working on (the top of the
    /// triage order for this agent); from a thread, the one after it in that order.
    mutating func openNextTicket() -> [Effect] {
        if presence.claimsEnabled { return claimNextTicket() }
        guard focus == .thread, let current = thread?.ticket else {
            return [.findTicket(.next(after: nil, current: nil))]
        }
        return [.findTicket(.next(after: QueuePosition(current), current: current.id))]
    }

    /// `p`: the ticket opened before this one (by `n`, `#`, a send), newest first.
    mutating func openPreviousTicket() -> [Effect] {
        guard let id = visited.popLast() else {
            showFlash("No earlier ticket: p goes back through the tickets opened with n, # or after a send", .info)
            return []
        }
        return [.findTicket(.back(id))]
    }

    /// `#` (and `:open ID`, `:#ID`): a ticket by its number.
    mutating func openTicket(argument: String) -> [Effect] {
        let digits = argument.trimmingCharacters(in: CharacterSet(charactersIn: "# "))
        guard let id = Int64(digits), id > 0 else {
            showFlash("open takes a ticket number, e.g. :open 39 or #39", .error)
            return []
        }
        return [.findTicket(.id(id))]
    }

    /// The store's answer: open the ticket in the thread pane (the queue selects it when it is
    /// listed), or say why nothing opened.
    mutating func ticketFound(_ ticket: Ticket?, for request: TicketRequest) -> [Effect] {
        guard let ticket else {
            switch request {
            case .next:
                if !addToSentFlash("nothing else to answer") {
                    showFlash("Nothing else to answer: every other ticket is answered, snoozed or someone else's", .info)
                }
            case .id(let id), .back(let id): showFlash("No ticket #\(id)", .error)
            }
            return []
        }
        if case .next(_, let current?) = request, current == ticket.id {
            if !addToSentFlash("it still waits for a reply") { showFlash("No other ticket waits: this is the only one left for you", .info) }
            return []
        }
        var effects = parkComposer()
        if let shown = thread?.ticket.id, shown != ticket.id, !request.isBack {
            visited.append(shown)
            if visited.count > 50 { visited.removeFirst() }
        }
        focus = .thread
        if customerPane.focusOnReturn {
            // Back from an earlier conversation: the profile takes the keys again.
            customerPane.focusOnReturn = false
            customerPane.open = true
            focus = .profile
        }
        if layout.mode == .onePane { threadPushed = true }
        if let index = queue.rows.firstIndex(where: { $0.id == ticket.id }) {
            queue.selected = queue.windowStart + index
        } else {
            effects.append(.loadQueue(.around(ticket)))
        }
        if thread?.ticket.id != ticket.id { effects.append(.loadThread(ticket.id)) }
        let name = TerminalSanitizer.oneLine(ticket.customerName)
        if ticket.status != .open {
            showFlash("#\(ticket.id) \(name) is \(ticket.status.rawValue)", .info)
        } else if case .next = request {
            // After a send the flash says both: what was sent, and where the thread moved.
            if !addToSentFlash("now #\(ticket.id) \(name)") { showFlash("Next: #\(ticket.id) \(name)", .info) }
        }
        return effects
    }

    /// Adds to the "Reply sent" flash when one shows; false when none does.
    mutating func addToSentFlash(_ addition: String) -> Bool {
        guard let sent = flash, sent.kind == .info, sent.text.hasPrefix("Reply sent") || sent.text.hasPrefix("Already sent") else {
            return false
        }
        showFlash(sent.text + " — " + addition, .info)
        return true
    }

    /// `z`: ask until when.
    mutating func askSnooze() -> [Effect] {
        guard let ticket = thread?.ticket ?? queue.selectedTicket else {
            showFlash("No ticket to snooze", .info)
            return []
        }
        if let until = ticket.snoozedUntil, until > now {
            prompt = PromptState(kind: .snooze(ticket.id), text: "")
            showFlash("Snoozed until \(Self.clockText(until, timeZone: timeZone)); Enter with nothing typed wakes it now", .info)
            return []
        }
        prompt = PromptState(kind: .snooze(ticket.id), text: "")
        return []
    }

    /// The typed time: parsed on the agent's clock; a mistake is named and nothing changes.
    mutating func snooze(ticketID: Int64, text: String) -> [Effect] {
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            return [.snooze(ticketID: ticketID, until: nil)]
        }
        do {
            let until = try SnoozeTime.parse(text, now: now, timeZone: timeZone)
            return [.snooze(ticketID: ticketID, until: until)]
        } catch {
            showFlash("\(error)", .error)
            return []
        }
    }

    /// The store kept the snooze: the ticket leaves the queue, the next one takes its place.
    mutating func snoozed(_ ticket: Ticket) -> [Effect] {
        let name = TerminalSanitizer.oneLine(ticket.customerName)
        if let until = ticket.snoozedUntil, until > now {
            showFlash("#\(ticket.id) \(name) snoozed until \(Self.clockText(until, timeZone: timeZone)); it comes back to the queue then", .info)
        } else {
            showFlash("#\(ticket.id) \(name) is back in the queue", .info)
        }
        var effects: [Effect] = [.loadQueue(.reload(keep: nil)), .loadTotals]
        if thread?.ticket.id == ticket.id { effects.append(.loadThread(ticket.id)) }
        return effects
    }

    /// "14:00" today, "Tue 09:00" on another day.
    static func clockText(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE d MMM HH:mm"
        return formatter.string(from: date)
    }
}

/// Which ticket to open: the next one for this agent, one by number, or one gone back to.
public enum TicketRequest: Sendable, Hashable {
    /// `current`: the ticket in view, which "next" must not give back.
    case next(after: QueuePosition?, current: Int64?)
    case id(Int64)
    case back(Int64)

    var isBack: Bool { if case .back = self { true } else { false } }
}
