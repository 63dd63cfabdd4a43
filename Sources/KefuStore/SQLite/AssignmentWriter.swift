import Foundation
import GRDB
import KefuCore

/// Assigning tickets: the owner on the ticket row and a history row per change, in one
/// transaction, with the ticket's version bumped so other consoles notice.
extension SQLiteTicketStore: AssignmentStore {
    @discardableResult
    public func assign(ticketIDs: [Int64], to assignee: String?, acting: ActingAgent, now: Date) throws -> [Assignment] {
        let name = assignee?.trimmingCharacters(in: .whitespaces)
        let owner = (name?.isEmpty ?? true) ? nil : name
        let by = acting.name
        return try pool.write { db in
            var owners: [(ticketID: Int64, owner: String?)] = []
            for id in ticketIDs {
                guard let row = try Row.fetchOne(db, sql: "SELECT assignee FROM ticket WHERE id = ?", arguments: [id]) else {
                    throw StoreError.ticketNotFound(id)
                }
                owners.append((id, row[0]))
            }
            // Checked against the owners as they are in this transaction, so a refusal is final.
            try AssignmentRule.check(acting, owners: owners, to: owner)
            var changes: [Assignment] = []
            for (id, previous) in owners {
                if previous == owner { continue }
                try db.execute(sql: "UPDATE ticket SET assignee = ?, version = version + 1 WHERE id = ?", arguments: [owner, id])
                try db.execute(sql: """
                    INSERT INTO assignment (ticket_id, assignee, previous, assigned_by, at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [id, owner, previous, by, now.timeIntervalSince1970])
                try AuditRows.record(db, at: now, agent: by, action: .assign, ticketID: id,
                                     detail: AuditDetail.assignment(to: owner, previous: previous))
                changes.append(Assignment(ticketID: id, assignee: owner, previous: previous, assignedBy: by, at: now))
            }
            return changes
        }
    }

    public func assignments(ticketID: Int64) throws -> [Assignment] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT assignee, previous, assigned_by, at FROM assignment WHERE ticket_id = ? ORDER BY id
                """, arguments: [ticketID]).map { row in
                Assignment(ticketID: ticketID, assignee: row[0], previous: row[1], assignedBy: row[2], at: Date(timeIntervalSince1970: row[3]))
            }
        }
    }

    public func assignee(ticketID: Int64) throws -> String? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT assignee FROM ticket WHERE id = ?", arguments: [ticketID]) else {
                throw StoreError.ticketNotFound(ticketID)
            }
            return row[0]
        }
    }
}
