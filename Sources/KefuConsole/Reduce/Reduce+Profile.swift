import Foundation
import KefuCore

/// The customer profile: `i` in the thread opens it (and gives it the keys), `j`/`k` move over
/// the earlier conversations, `Enter` opens one, and `Esc` in that conversation comes back to
/// the ticket the agent was on.
extension AppState {
    mutating func toggleProfile() -> [Effect] {
        guard let thread else { return [] }
        if focus == .profile {
            customerPane.open = false
            focus = .thread
            return []
        }
        if thread.customer == nil {
            showFlash(thread.customerNote ?? "No customer is linked to #\(thread.ticket.id)", .info)
            return []
        }
        customerPane.open = true
        customerPane.selected = min(customerPane.selected, max(0, earlierConversations.count - 1))
        focus = .profile
        return []
    }

    /// The profile's list: the customer's conversations other than the one on screen.
    var earlierConversations: [CustomerConversation] {
        guard let thread, let customer = thread.customer else { return [] }
        return customer.conversations(besides: thread.ticket.id)
    }

    mutating func runProfile(_ command: Command, count: Int) -> [Effect] {
        let earlier = earlierConversations
        switch command {
        case .moveDown: customerPane.selected = min(max(0, earlier.count - 1), customerPane.selected + count)
        case .moveUp: customerPane.selected = max(0, customerPane.selected - count)
        case .back, .toggleProfile:
            customerPane.open = false
            focus = .thread
        case .open:
            guard customerPane.selected < earlier.count, let current = thread?.ticket.id else {
                showFlash("No earlier conversation to open", .info)
                return []
            }
            // Only the first ticket left is remembered: Esc goes back to where the agent started.
            if customerPane.returnTo == nil { customerPane.returnTo = current }
            customerPane.open = false
            return [.findTicket(.id(earlier[customerPane.selected].ticketID))]
        default: break
        }
        return []
    }

    /// `Esc` in a conversation opened from the profile: back to the ticket the agent was on.
    mutating func profileReturn() -> [Effect]? {
        guard let ticket = customerPane.returnTo else { return nil }
        customerPane.returnTo = nil
        customerPane.focusOnReturn = true
        return [.findTicket(.back(ticket))]
    }
}
