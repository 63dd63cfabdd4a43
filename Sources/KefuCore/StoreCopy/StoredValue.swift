import Foundation

/// One value of a stored row as both backends can hold it: a store copy reads rows as these
/// and writes them back, each backend mapping them to its own column types (SQLite's 0/1 is
/// PostgreSQL's boolean).
public enum StoredValue: Sendable, Hashable, Codable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}
