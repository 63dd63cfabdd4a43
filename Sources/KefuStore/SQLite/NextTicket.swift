import Foundation
import GRDB
import KefuCore

extension SQLiteTicketStore {
    /// The next ticket for `agent`: the first after `position` in the triage order of the
    /// needs-reply queue (from the top when nil, wrapping to the top when nothing follows) that
    /// is not snoozed and that no other agent owns. Two keyset reads at most.
    public func nextTicket(for agent: String, after position: QueuePosition?, now: Date) throws -> Ticket? {
        let query = QueueQuery(view: .needsReply, now: now, order: .triage)
        let free = (sql: " AND (assignee IS NULL OR assignee = ?)", arguments: [agent] as StatementArguments)
        if let found = try queue(query, after: position, limit: 1, extra: free).first { return found }
        guard position != nil else { return nil }
        return try queue(query, after: nil, limit: 1, extra: free).first
    }
}
