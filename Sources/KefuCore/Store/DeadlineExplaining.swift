import Foundation

/// The deadline policy a store runs and the facts it gives it about a ticket, for "why is
/// this due then?" (`kefu sla explain`).
public protocol DeadlineExplaining: AnyObject, Sendable {
    var policy: any DeadlinePolicy { get }
    func conversationFacts(ticketID: Int64) throws -> ConversationFacts?
}
