import GRDB

extension SQLiteTicketStore {
    /// The SQLite floor of the first screen: the bare indexed query for the needs-reply
    /// window, with nothing decoded. `kefu-bench scale` prints every figure as a multiple of it,
    /// so growth that comes from Kefu rather than from SQLite shows as a number.
    public func bareFirstWindow(limit: Int) throws -> Int {
        try pool.read { db in
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT \(TicketRow.columns) FROM ticket WHERE status = 'open' AND needs_reply = 1 ORDER BY queue_key, id LIMIT ?
                """), arguments: [limit])
            var count = 0
            while try rows.next() != nil { count += 1 }
            return count
        }
    }
}
