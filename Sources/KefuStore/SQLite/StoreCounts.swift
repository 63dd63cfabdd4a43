import GRDB

/// Whole-table counts for checks after a crash (`kefu-bench crash`, tests): never for the
/// screen, which keeps its own counters.
extension SQLiteTicketStore {
    public struct Counts: Sendable, Hashable, CustomStringConvertible {
        public var messages: Int
        public var distinctMessageIDs: Int
        public var tickets: Int
        public var quarantined: Int
        public var drafts: Int

        public var description: String {
            "\(messages) messages (\(distinctMessageIDs) distinct ids), \(tickets) tickets, \(quarantined) quarantined, \(drafts) drafts"
        }
    }

    public func tableCounts() throws -> Counts {
        try pool.read { db in
            Counts(
                messages: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? 0,
                distinctMessageIDs: try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT external_id) FROM message") ?? 0,
                tickets: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0,
                quarantined: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? 0,
                drafts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM draft") ?? 0)
        }
    }
}
