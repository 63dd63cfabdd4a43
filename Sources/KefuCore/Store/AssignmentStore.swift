import Foundation

/// Who owns which ticket, with the full history of changes.
public protocol AssignmentStore: AnyObject, Sendable {
    /// Gives the tickets to `assignee` (nil: nobody), recording who did it and when, in one
    /// transaction. Tickets that already belong to `assignee` are left alone (no history row).
    /// `AssignmentRule` is checked against the owners inside the same transaction: when it
    /// refuses, `LeadRoleRequired` is thrown and nothing changes. Returns the changes made.
    @discardableResult
    func assign(ticketIDs: [Int64], to assignee: String?, acting: ActingAgent, now: Date) throws -> [Assignment]
    /// Every change of the ticket's owner, oldest first.
    func assignments(ticketID: Int64) throws -> [Assignment]
    /// The ticket's owner now.
    func assignee(ticketID: Int64) throws -> String?
}

extension AssignmentStore {
    /// Assigns without a role check, for imports, scripts that act as a lead, and tests.
    @discardableResult
    public func assign(ticketIDs: [Int64], to assignee: String?, by: String, now: Date) throws -> [Assignment] {
        try assign(ticketIDs: ticketIDs, to: assignee, acting: .unrestricted(by), now: now)
    }
}
