import Foundation

/// Who owns which ticket, with the full history of changes.
public protocol AssignmentStore: AnyObject, Sendable {
    /// Gives the tickets to `assignee` (nil: nobody), recording who did it and when, in one
    /// transaction. Tickets that already belong to `assignee` are left alone (no history row).
    /// Returns the changes made.
    @discardableResult
    func assign(ticketIDs: [Int64], to assignee: String?, by: String, now: Date) throws -> [Assignment]
    /// Every change of the ticket's owner, oldest first.
    func assignments(ticketID: Int64) throws -> [Assignment]
    /// The ticket's owner now.
    func assignee(ticketID: Int64) throws -> String?
}
