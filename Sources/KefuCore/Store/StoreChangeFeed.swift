import Foundation

/// A store that is told what other processes commit (PostgreSQL's `LISTEN`/`NOTIFY`), so an
/// open console sees another machine's reply, claim or hold within a second without reading
/// the tables to find out, and knows when it has lost its server.
///
/// Reading the feed costs nothing (it is what arrived, kept in memory), so a console may look
/// at it many times a second. A store without a feed is watched through `changeToken()`.
public protocol StoreChangeFeed: AnyObject {
    /// What others changed since the feed started, and whether it is connected now.
    func changeFeed() -> StoreChanges
}

/// Counters that move when another process commits; compare two readings to see what moved.
public struct StoreChanges: Sendable, Hashable {
    /// Tickets, messages, claims, assignments, holds, snoozes, deadlines, outbox: what the
    /// queue, the thread and the totals show.
    public var data: Int64
    /// Only who reads or types where: the presence board, not the queue, is read again.
    public var presence: Int64
    public var connection: StoreConnection

    public init(data: Int64, presence: Int64, connection: StoreConnection) {
        self.data = data
        self.presence = presence
        self.connection = connection
    }
}

/// Whether the store's server can be reached; said on the status bar while it cannot.
public enum StoreConnection: Sendable, Hashable {
    case connected
    /// Lost at `since`; the store tries again by itself. `server` names it (never a password).
    case lost(since: Date, server: String)
}
