import Foundation
import GRDB
import KefuCore

/// How many open tickets each queue list holds, kept by triggers in the transaction of every
/// write to `ticket` (ingest, send, holds, snoozes' version bumps, solving, claims, a policy
/// recompute, any raw UPDATE), so the screen's counts never scan the table.
///
/// Counts that depend on the time ("overdue", "due within the hour", the triage bands, the
/// "12/7344" position) are counts of tickets whose queue key lies below an instant. The tally
/// keeps the tickets of each list bucketed by the minute and by the day of their key, so
///
///     below(K) = Σ day buckets before K's day            (one row per day with tickets)
///              + Σ minute buckets of K's day before K's minute   (at most 1,440 rows)
///              + the tickets of K's own minute with a key below K   (an index range)
///
/// which reads a few thousand small rows at most, whatever the store's size.
///
/// Buckets are whole seconds (`CAST(max(key, 0) AS INTEGER)`), divided as integers, so a
/// minute always lies inside its day; keys below 0 (never a real deadline) share second 0.
enum QueueTally {
    /// The lists the views count from, each with the index its exact part reads.
    enum List: String, CaseIterable {
        /// Every open ticket.
        case open
        /// Open and waiting for a reply (needs reply, overdue, due soon).
        case reply
        /// Open with the customer's message last.
        case customer

        /// Membership of a row, with `row` as the table or trigger alias (NEW, OLD, ticket).
        func predicate(_ row: String) -> String {
            switch self {
            case .open: "\(row).status = 'open'"
            case .reply: "\(row).status = 'open' AND \(row).needs_reply = 1"
            case .customer: "\(row).status = 'open' AND \(row).last_from = 'customer'"
            }
        }
    }

    static let minute = 60
    static let day = 86_400

    /// The whole second a key is bucketed by, in SQL.
    private static func second(_ key: String) -> String { "CAST(max(\(key), 0) AS INTEGER)" }

    /// The whole second of a key, as the SQL above computes it.
    static func second(of key: Double) -> Int64 {
        key <= 0 ? 0 : Int64(key.rounded(.down))
    }

    /// Creates the tally and its triggers and counts the tickets already stored.
    static func install(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE queue_tally (
                list TEXT NOT NULL,
                span INTEGER NOT NULL,
                bucket INTEGER NOT NULL,
                n INTEGER NOT NULL,
                PRIMARY KEY (list, span, bucket)
            ) WITHOUT ROWID;
            """)
        for list in List.allCases {
            try db.execute(sql: triggers(list))
            for span in [minute, day] {
                try db.execute(sql: """
                    INSERT INTO queue_tally (list, span, bucket, n)
                    SELECT '\(list.rawValue)', \(span), \(second("queue_key")) / \(span), count(*)
                    FROM ticket WHERE \(list.predicate("ticket")) GROUP BY 3
                    """)
            }
        }
    }

    /// The insert, delete and update triggers of one list. An update fires only when the row
    /// joins or leaves the list or its key moves; empty minute buckets are removed.
    private static func triggers(_ list: List) -> String {
        let name = "queue_tally_\(list.rawValue)"
        func add(_ row: String) -> String {
            [minute, day].map { span in
                """
                INSERT INTO queue_tally (list, span, bucket, n)
                    SELECT '\(list.rawValue)', \(span), \(second("\(row).queue_key")) / \(span), 1 WHERE \(list.predicate(row))
                    ON CONFLICT (list, span, bucket) DO UPDATE SET n = n + 1;
                """
            }.joined(separator: "\n")
        }
        func remove(_ row: String) -> String {
            [minute, day].map { span in
                let bucket = "\(second("\(row).queue_key")) / \(span)"
                return """
                    UPDATE queue_tally SET n = n - 1
                        WHERE list = '\(list.rawValue)' AND span = \(span) AND bucket = \(bucket) AND \(list.predicate(row));
                    """ + (span == minute ? """

                    DELETE FROM queue_tally WHERE list = '\(list.rawValue)' AND span = \(span) AND bucket = \(bucket) AND n = 0;
                    """ : "")
            }.joined(separator: "\n")
        }
        return """
            CREATE TRIGGER \(name)_insert AFTER INSERT ON ticket WHEN \(list.predicate("NEW"))
            BEGIN
            \(add("NEW"))
            END;
            CREATE TRIGGER \(name)_delete AFTER DELETE ON ticket WHEN \(list.predicate("OLD"))
            BEGIN
            \(remove("OLD"))
            END;
            CREATE TRIGGER \(name)_update AFTER UPDATE OF status, needs_reply, last_from, queue_key ON ticket
            WHEN (\(list.predicate("OLD"))) IS NOT (\(list.predicate("NEW")))
              OR ((\(list.predicate("NEW"))) AND OLD.queue_key IS NOT NEW.queue_key)
            BEGIN
            \(remove("OLD"))
            \(add("NEW"))
            END;
            """
    }

    /// How many tickets of `list` have a key below `key`.
    static func below(_ db: Database, _ list: List, key: Double) throws -> Int {
        let second = second(of: key)
        let minuteBucket = second / Int64(minute)
        let dayBucket = second / Int64(day)
        let days = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT coalesce(sum(n), 0) FROM queue_tally WHERE list = ? AND span = \(day) AND bucket < ?
            """), arguments: [list.rawValue, dayBucket]) ?? 0
        let minutes = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT coalesce(sum(n), 0) FROM queue_tally WHERE list = ? AND span = \(minute) AND bucket >= ? AND bucket < ?
            """), arguments: [list.rawValue, dayBucket * Int64(day / minute), minuteBucket]) ?? 0
        // The key's own minute, read on the list's index; the first minute also holds keys below 0.
        let from = minuteBucket == 0 ? -Double.infinity : Double(minuteBucket * Int64(minute))
        let within = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM ticket WHERE \(list.predicate("ticket")) AND queue_key >= ? AND queue_key < ?
            """), arguments: [from, key]) ?? 0
        return days + minutes + within
    }

    /// How many tickets the list holds.
    static func total(_ db: Database, _ list: List) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT coalesce(sum(n), 0) FROM queue_tally WHERE list = ? AND span = \(day)
            """), arguments: [list.rawValue]) ?? 0
    }

    /// How many tickets of the list have a key in `lower ..< upper` (nil: unbounded), and, when
    /// `before` is given, come before that position in (key, id) order.
    static func count(_ db: Database, _ list: List, lower: Double?, upper: Double?, before position: QueuePosition? = nil) throws -> Int {
        var end = upper
        if let position { end = min(end ?? .infinity, position.key) }
        var count = 0
        if lower == nil || end == nil || end! > lower! {
            let top = try end.map { $0 == .infinity ? try total(db, list) : try below(db, list, key: $0) } ?? total(db, list)
            let bottom = try lower.map { try below(db, list, key: $0) } ?? 0
            count = top - bottom
        }
        // The tickets with the position's own key and a smaller id, when that key is in range.
        if let position, position.key >= (lower ?? -.infinity), position.key < (upper ?? .infinity) {
            count += try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM ticket WHERE \(list.predicate("ticket")) AND queue_key = ? AND id < ?
                """), arguments: [position.key, position.id]) ?? 0
        }
        return count
    }
}
