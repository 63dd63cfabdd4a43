import Foundation

/// `z`: a ticket leaves the queue until a time, then comes back by itself (the store keeps the
/// time, so it survives a restart). Its clocks keep running: a snooze hides, it does not pause.
public protocol TicketSnoozing: AnyObject, Sendable {
    /// Snoozes the ticket until `until`, or ends its snooze when nil; returns the ticket as it now is.
    func snooze(ticketID: Int64, until: Date?, agent: String, now: Date) throws -> Ticket
}
