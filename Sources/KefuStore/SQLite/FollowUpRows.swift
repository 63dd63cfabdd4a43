import Foundation
import GRDB
import KefuCore

/// Follow-up rows and what they do to their ticket: the earliest open one's time goes on the
/// ticket row and its clocks are written again, so the queue sorts it with the other deadlines.
enum FollowUpRows {
    static let columns = "id, ticket_id, kind, days, due_at, created_at, created_by, rule, order_id, note, done_at, done_by"
    /// `done_by` when a reply after its time ended a follow-up.
    static let doneByReply = "reply"

    static func decode(_ row: Row) -> FollowUp {
        let due = (row[4] as Double?).map(Date.init(timeIntervalSince1970:))
        let when = FollowUpWhen(storedKind: row[2], days: row[3], dueAt: due)
        return FollowUp(
            id: row[0], ticketID: row[1], when: when, dueAt: due, createdAt: Date(timeIntervalSince1970: row[5]),
            createdBy: row[6], rule: row[7], orderID: row[8], note: row[9],
            doneAt: (row[10] as Double?).map(Date.init(timeIntervalSince1970:)), doneBy: row[11])
    }

    /// Inserts a follow-up; nil when a rule's one for this order exists already.
    static func insert(
        _ db: Database, ticketID: Int64, when: FollowUpWhen, dueAt: Date?, by: String, rule: String?, orderID: String?,
        note: String, now: Date
    ) throws -> Int64? {
        let days = when.storedDays
        try db.execute(sql: """
            INSERT INTO follow_up (ticket_id, kind, days, due_at, created_at, created_by, rule, order_id, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, arguments: [ticketID, when.kindName, days, dueAt?.timeIntervalSince1970, now.timeIntervalSince1970, by, rule,
                             orderID, note])
        return db.changesCount > 0 ? db.lastInsertedRowID : nil
    }

    /// Ends the ticket's open follow-ups whose time has come (a reply) or all of them (marked done).
    @discardableResult
    static func endDue(_ db: Database, ticketID: Int64, by: String, now: Date, all: Bool = false) throws -> Int {
        try db.execute(sql: """
            UPDATE follow_up SET done_at = ?, done_by = ?
            WHERE ticket_id = ? AND done_at IS NULL\(all ? "" : " AND due_at IS NOT NULL AND due_at <= ?")
            """, arguments: all ? [now.timeIntervalSince1970, by, ticketID] : [now.timeIntervalSince1970, by, ticketID, now.timeIntervalSince1970])
        let ended = db.changesCount
        if ended > 0 { try writeTicketTime(db, ticketID: ticketID) }
        return ended
    }

    /// Puts the earliest open follow-up's time on the ticket row (the clocks read it from there).
    static func writeTicketTime(_ db: Database, ticketID: Int64) throws {
        try db.execute(sql: """
            UPDATE ticket SET follow_up_at = (SELECT min(due_at) FROM follow_up WHERE ticket_id = ?1 AND done_at IS NULL),
                              version = version + 1
            WHERE id = ?1
            """, arguments: [ticketID])
    }

    /// The ticket's follow-up time and clocks, written again after its follow-ups changed.
    static func refresh(_ db: Database, ticketID: Int64, policy: any DeadlinePolicy) throws {
        try writeTicketTime(db, ticketID: ticketID)
        try TicketClockState.refreshClocks(db, id: ticketID, policy: policy)
    }

    static func fetch(_ db: Database, ticketID: Int64?) throws -> [FollowUp] {
        if let ticketID {
            return try Row.fetchAll(db, sql: "SELECT \(columns) FROM follow_up WHERE ticket_id = ? ORDER BY id DESC",
                                    arguments: [ticketID]).map(decode)
        }
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM follow_up ORDER BY id DESC").map(decode)
    }

    /// Open follow-ups whose time has come: the status bar's "3 follow-ups due" (late ones included).
    static func dueCount(_ db: Database, now: Date) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM follow_up WHERE done_at IS NULL AND due_at <= ?"),
                         arguments: [now.timeIntervalSince1970]) ?? 0
    }
}

extension SQLiteTicketStore: FollowUpStore {
    public func scheduleFollowUp(ticketID: Int64, when: FollowUpWhen, agent: String, now: Date) throws -> FollowUp {
        try pool.write { db in
            guard let ticket = try TicketRow.fetchOne(db, id: ticketID) else { throw StoreError.ticketNotFound(ticketID) }
            if when.needsParcel, ticket.orderID == nil { throw FollowUpError.noOrder(ticketID) }
            var due: Date?
            if case .at(let date) = when { due = date }
            if when.needsParcel, let orderID = ticket.orderID {
                due = try ParcelWatch.dueAt(db, when: when, orderID: orderID, since: now)
            }
            let id = try FollowUpRows.insert(db, ticketID: ticketID, when: when, dueAt: due, by: agent, rule: nil,
                                             orderID: ticket.orderID, note: "", now: now)!
            // A solved ticket is opened again, or its follow-up would never come back to the queue.
            try db.execute(sql: "UPDATE ticket SET status = 'open' WHERE id = ? AND status != 'open'", arguments: [ticketID])
            try FollowUpRows.refresh(db, ticketID: ticketID, policy: policy)
            try AuditRows.record(db, at: now, agent: agent, action: .followUp, ticketID: ticketID,
                                 detail: AuditDetail.followUp(when: when, due: due))
            return try Row.fetchOne(db, sql: "SELECT \(FollowUpRows.columns) FROM follow_up WHERE id = ?", arguments: [id])
                .map(FollowUpRows.decode)!
        }
    }

    @discardableResult
    public func markFollowUpsDone(ticketID: Int64, agent: String, now: Date) throws -> Int {
        try pool.write { db in
            guard try TicketRow.fetchOne(db, id: ticketID) != nil else { throw StoreError.ticketNotFound(ticketID) }
            let ended = try FollowUpRows.endDue(db, ticketID: ticketID, by: agent, now: now, all: true)
            if ended > 0 {
                try TicketClockState.refreshClocks(db, id: ticketID, policy: policy)
                try AuditRows.record(db, at: now, agent: agent, action: .followUpDone, ticketID: ticketID,
                                     detail: "\(ended) follow-up\(ended == 1 ? "" : "s") done")
            }
            return ended
        }
    }

    public func followUps(ticketID: Int64?) throws -> [FollowUp] {
        try pool.read { db in try FollowUpRows.fetch(db, ticketID: ticketID) }
    }

    public func followUpCounts(now: Date) throws -> FollowUpCounts {
        try pool.read { db in FollowUpCounts(try FollowUpRows.fetch(db, ticketID: nil), now: now) }
    }
}
