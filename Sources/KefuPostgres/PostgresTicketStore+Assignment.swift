import Foundation
import KefuCore

/// Assigning tickets on the shared store: the owners are read with their rows locked, so the
/// role check (`AssignmentRule`) sees the owners as they are when the change commits, and two
/// leads moving one ticket at once apply one after the other.
extension PostgresTicketStore: AssignmentStore {
    @discardableResult
    public func assign(ticketIDs: [Int64], to assignee: String?, acting: ActingAgent, now: Date) throws -> [Assignment] {
        let name = assignee?.trimmingCharacters(in: .whitespaces)
        let owner = (name?.isEmpty ?? true) ? nil : name
        let by = acting.name
        return try session.transaction { tx in
            // Locked in id order, so two batches over the same tickets cannot deadlock.
            let rows = try tx.query("""
                SELECT id, assignee FROM ticket WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) ORDER BY id FOR UPDATE
                """, [.text(JSONArray.of(ticketIDs.map(String.init)))])
            var current: [Int64: String?] = [:]
            for row in rows { current[try row.int(0)] = try row.optionalString(1) }
            var owners: [(ticketID: Int64, owner: String?)] = []
            for id in ticketIDs {
                guard let previous = current[id] else { throw StoreError.ticketNotFound(id) }
                owners.append((id, previous))
            }
            try AssignmentRule.check(acting, owners: owners, to: owner)
            var changes: [Assignment] = []
            for (id, previous) in owners {
                if previous == owner || changes.contains(where: { $0.ticketID == id }) { continue }
                try tx.query("UPDATE ticket SET assignee = $1, version = version + 1 WHERE id = $2", [.of(owner), .int(id)])
                try tx.query("""
                    INSERT INTO assignment (ticket_id, assignee, previous, assigned_by, at) VALUES ($1, $2, $3, $4, $5)
                    """, [.int(id), .of(owner), .of(previous), .text(by), .double(now.timeIntervalSince1970)])
                try PostgresAuditRows.record(tx, at: now, agent: by, action: .assign, ticketID: id,
                                             detail: AuditDetail.assignment(to: owner, previous: previous))
                changes.append(Assignment(ticketID: id, assignee: owner, previous: previous, assignedBy: by, at: now))
            }
            return changes
        }
    }

    public func assignments(ticketID: Int64) throws -> [Assignment] {
        try session.query("SELECT assignee, previous, assigned_by, at FROM assignment WHERE ticket_id = $1 ORDER BY id", [.int(ticketID)])
            .map { Assignment(ticketID: ticketID, assignee: try $0.optionalString(0), previous: try $0.optionalString(1),
                              assignedBy: try $0.string(2), at: try $0.date(3)) }
    }

    public func assignee(ticketID: Int64) throws -> String? {
        guard let row = try session.query("SELECT assignee FROM ticket WHERE id = $1", [.int(ticketID)]).first else {
            throw StoreError.ticketNotFound(ticketID)
        }
        return try row.optionalString(0)
    }
}
