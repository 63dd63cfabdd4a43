import Foundation
import GRDB
import KefuCore

extension SQLiteTicketStore: DeadlineRecomputing {
    /// Meta key holding the fingerprint of the policy the stored clocks were computed with.
    static let policyFingerprintKey = "policy_fingerprint"

    /// From how many open tickets a recompute rebuilds the ticket indexes instead of updating them.
    static let bulkRecomputeThreshold = 20_000

    /// Recomputes the clocks of every open ticket in one transaction. The engine runs on a second
    /// thread a chunk ahead of the writes, so working out deadlines and writing them overlap; the
    /// engine itself stays on that one thread (spread over the cores it ran slower: its shared
    /// calendars' reference counts bounce between them).
    public func recomputeOpenDeadlines() throws -> Int {
        let policy = self.policy
        return try pool.write { db in
            let states = try Row.fetchAll(db, sql: "SELECT \(TicketClockState.columns) FROM ticket WHERE status != 'solved'")
                .map(TicketClockState.decode)
            let columns = ProducerThread(count: states.count, chunkSize: 4096) { range in
                states[range].map { ClockColumns(state: $0, clocks: policy.clocks(for: $0.facts)) }
            }
            defer { columns.cancel() }
            // Rewriting most rows one by one would update every queue index row by row; for a
            // large store it is several times faster to drop those indexes and build them again
            // sorted, inside the same transaction (readers keep their snapshot meanwhile).
            let rebuilt = states.count >= Self.bulkRecomputeThreshold ? try Self.dropTicketIndexes(db) : []
            var moved = 0
            while let chunk = columns.next() {
                for row in chunk where try row.write(db) { moved += 1 }
            }
            if !rebuilt.isEmpty {
                // SQLite sorts the new index entries with helper threads when allowed to.
                try db.execute(sql: "PRAGMA threads = 2")
                for sql in rebuilt { try db.execute(sql: sql) }
                try db.execute(sql: "PRAGMA threads = 0")
            }
            if let fingerprint = policy.fingerprint {
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [Self.policyFingerprintKey, fingerprint])
            }
            return moved
        }
    }

    /// Drops the ticket table's own indexes (not the UNIQUE constraint's) and returns the SQL
    /// that creates them again.
    static func dropTicketIndexes(_ db: Database) throws -> [String] {
        // Only the indexes over the columns a recompute writes.
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket' AND sql IS NOT NULL
              AND (sql LIKE '%queue_key%' OR sql LIKE '%needs_reply%' OR sql LIKE '%due_at%' OR sql LIKE '%warn_at%'
                   OR sql LIKE '%hold_reason%' OR sql LIKE '%clocks%')
            """)
        for index in indexes { try db.execute(sql: "DROP INDEX \(String.fromDatabaseValue(index["name"])!.quotedDatabaseIdentifier)") }
        return indexes.map { $0["sql"] }
    }

    /// Recomputes open deadlines when the policy differs from the one the store last used (a
    /// changed config file), so a policy edit applies to open tickets from that moment. Returns
    /// the number of tickets whose deadlines moved, nil when the policy had not changed.
    /// `progress` hears a line before the recompute starts (it reads every open ticket).
    @discardableResult
    /// The protocol's form, without a progress line.
    public func applyPolicyChangeIfNeeded() throws -> Int? { try applyPolicyChangeIfNeeded(progress: { _ in }) }

    public func applyPolicyChangeIfNeeded(progress: (String) -> Void) throws -> Int? {
        guard let fingerprint = policy.fingerprint else { return nil }
        let stored = try meta(Self.policyFingerprintKey)
        if stored == fingerprint { return nil }
        if stored != nil { progress("the deadline policy changed: recomputing the deadlines of the open tickets…") }
        let moved = try recomputeOpenDeadlines()
        return stored == nil ? nil : moved
    }
}
