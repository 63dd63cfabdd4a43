import GRDB
import KefuCore

/// The part of a queue query that narrows it to an owner or a channel. Equality on `assignee`
/// (or `IS NULL`) right after status and needs_reply lets SQLite read the
/// `ticket_assignee_needs_reply` / `ticket_assignee_open` indexes as keyset windows, so "mine"
/// and "unassigned" stay as fast as the unfiltered queue.
enum QueueScopeCondition {
    static func sql(_ scope: QueueScope) -> (String, StatementArguments) {
        var sql = ""
        var arguments: StatementArguments = []
        switch scope.assignee {
        case .anyone: break
        case .agent(let name):
            sql += " AND assignee = ?"
            arguments += [name]
        case .unassigned:
            sql += " AND assignee IS NULL"
        }
        if let channel = scope.channel {
            sql += " AND channel = ?"
            arguments += [channel.rawValue]
        }
        if let marketplace = scope.marketplace {
            sql += " AND marketplace = ?"
            arguments += [marketplace.rawValue]
        }
        return (sql, arguments)
    }
}

extension SQLiteTicketStore {
    /// SQLite's plan for the first window of a queue query (`EXPLAIN QUERY PLAN`), so tests and
    /// benchmarks can check that a filter reads an index rather than the whole table.
    public func explainQueuePlan(_ query: QueueQuery) throws -> String {
        try pool.read { db in
            let (sql, arguments) = try condition(query, db)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE \(sql) ORDER BY queue_key, id LIMIT 200",
                             arguments: arguments).map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
        }
    }
}
