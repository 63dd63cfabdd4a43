import Foundation
import KefuCore

/// `F`: follow a ticket up at a time, when its parcel is delivered, or if tracking goes silent;
/// "done" ends its open follow-ups. The store turns a due follow-up into a deadline of its own
/// kind, so the queue lists it with the others (`F/U` beside the countdown).
extension AppState {
    mutating func askFollowUp() -> [Effect] {
        guard let ticket = thread?.ticket ?? queue.selectedTicket else {
            showFlash("No ticket to follow up", .info)
            return []
        }
        prompt = PromptState(kind: .followUp(ticket.id), text: "")
        if let at = ticket.followUpAt {
            showFlash("Follow-up set for \(Self.clockText(at, timeZone: timeZone)); type done to end it", .info)
        }
        return []
    }

    /// The typed answer, parsed on the agent's clock; a mistake is named and nothing changes.
    mutating func followUp(ticketID: Int64, text: String) -> [Effect] {
        let typed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if typed.isEmpty { return [] }
        if typed == "done" || typed == "d" { return [.followUp(ticketID: ticketID, when: nil)] }
        do {
            return [.followUp(ticketID: ticketID, when: try FollowUpWhen.parse(text, now: now, timeZone: timeZone))]
        } catch {
            showFlash("\(error)", .error)
            return []
        }
    }

    mutating func followUpChanged(ticketID: Int64, message: String) -> [Effect] {
        showFlash(message, .info)
        var effects: [Effect] = [.loadQueue(.reload(keep: nil)), .loadTotals]
        if thread?.ticket.id == ticketID { effects.append(.loadThread(ticketID)) }
        return effects
    }

    /// What the flash says of a follow-up the store kept.
    public static func followUpText(_ followUp: FollowUp, timeZone: TimeZone) -> String {
        let due = followUp.dueAt.map { clockText($0, timeZone: timeZone) }
        switch followUp.when {
        case .at: return "#\(followUp.ticketID): follow-up on \(due ?? "?"); it comes back to the queue then"
        case .parcelDelivered, .trackingSilent:
            return "#\(followUp.ticketID): follow-up \(followUp.whenText)" + (due.map { " (due \($0))" } ?? " (waiting on carrier events)")
        }
    }
}
