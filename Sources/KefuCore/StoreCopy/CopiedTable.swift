import Foundation

/// A table as a store copy sees it: its name, its columns and the key its rows are read in
/// order of (the primary key), so a copy can stop after any batch and go on after its last key.
/// `key` is empty for a table without a primary key, which a copy refuses: it could not resume.
public struct CopiedTable: Sendable, Hashable {
    public var name: String
    public var columns: [String]
    public var key: [String]

    public init(name: String, columns: [String], key: [String]) {
        self.name = name
        self.columns = columns
        self.key = key
    }

    /// The positions of the key columns among `columns`.
    public var keyPositions: [Int] { key.compactMap { columns.firstIndex(of: $0) } }
}

/// How far a copy into a store got, kept in that store and written in the same transaction as
/// each batch of rows: a copy killed at any point starts again right after the last batch.
public struct CopyProgress: Sendable, Hashable, Codable {
    /// The store copied from, as messages name it (a path, or a URL without its password).
    public var source: String
    /// The table being copied and the key of the last row written; nil before the first.
    public var table: String?
    public var lastKey: [StoredValue]?
    public var done: Bool

    public init(source: String, table: String? = nil, lastKey: [StoredValue]? = nil, done: Bool = false) {
        self.source = source
        self.table = table
        self.lastKey = lastKey
        self.done = done
    }
}
