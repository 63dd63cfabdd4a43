import Foundation

/// A table's rows in the store copied from and in the copy, checked at the end of a copy.
public struct TableCount: Sendable, Hashable {
    public var table: String
    public var source: Int
    public var target: Int

    public init(table: String, source: Int, target: Int) {
        self.table = table
        self.source = source
        self.target = target
    }
}

/// Why a copy was refused or did not end equal; each says what to do.
public enum StoreCopyError: Error, Sendable, Hashable, CustomStringConvertible {
    case targetNotEmpty(target: String, table: String, rows: Int)
    case targetCopyOfOther(target: String, source: String)
    case tableMissing(target: String, table: String, rows: Int)
    case columnsMissing(target: String, table: String, columns: [String])
    case noKey(source: String, table: String)
    case countsDiffer(target: String, [TableCount])

    public var description: String {
        switch self {
        case .targetNotEmpty(let target, let table, let rows):
            "\(target) is not empty (\(rows) rows in \(table)) and holds no copy in progress: copy into a new, empty store"
        case .targetCopyOfOther(let target, let source):
            "\(target) holds a copy of \(source), not of this store: copy into a new, empty store"
        case .tableMissing(let target, let table, let rows):
            "\(target) has no table \(table) for its \(rows) rows (an older Kefu's store?): copy with a kefu that knows both"
        case .columnsMissing(let target, let table, let columns):
            "\(target) has no column \(columns.joined(separator: ", ")) in \(table): copy with a kefu that knows both stores' schemas"
        case .noKey(let source, let table):
            "the table \(table) of \(source) has no primary key, so a copy of it could not resume: not a table of Kefu's"
        case .countsDiffer(let target, let counts):
            "the copy in \(target) does not match: " + counts.map { "\($0.table) \($0.source) → \($0.target)" }.joined(separator: ", ")
                + " (was the source changed during the copy? run it again into a new store)"
        }
    }
}

/// `kefu store copy`: moves every table of one store into another, batch by batch, through
/// `StoreRowCopying`, so it works between any two backends. Resumable: each batch and the
/// progress are one transaction in the target, so a copy killed at any point, run again, goes
/// on after its last batch and ends with the same rows. The target must be empty or hold a copy
/// of the same source in progress. Counts per table are compared at the end.
public final class StoreCopier {
    /// Parents before children (the foreign keys), then the rest; tables not named here come
    /// after, by name.
    public static let order = [
        "meta", "customer", "customer_key", "customer_merge", "customer_apart", "orders", "order_item", "parcel", "ticket", "message", "mail_origin", "message_attachment", "message_finding", "message_reading_note",
        "outbox", "outbox_attachment", "draft", "deadline_outcome", "quarantine", "evidence", "evidence_removal", "assignment",
        "ticket_outcome", "ticket_outcome_history", "ticket_snooze", "template_usage", "meter_hour", "message_hour", "audit_log",
        "follow_up", "carrier_event",
    ]
    /// The target keeps keys of its own here (its policy's fingerprint, the copy's progress):
    /// its count may be higher than the source's.
    static let targetKeepsOwnRows: Set<String> = ["meta"]
    static let progressPrefix = "store_copy."

    let from: any StoreRowCopying
    let to: any StoreRowCopying
    let source: String
    let target: String
    let batchSize: Int

    public init(from: any StoreRowCopying, to: any StoreRowCopying, source: String, target: String, batchSize: Int = 500) {
        self.from = from
        self.to = to
        self.source = source
        self.target = target
        self.batchSize = max(1, batchSize)
    }

    /// The tables to copy, in order, each with the columns both stores have.
    public func plan() throws -> [CopiedTable] {
        let targetTables = Dictionary(try to.copyableTables().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let rank = { (name: String) in Self.order.firstIndex(of: name) ?? Self.order.count }
        var tables: [CopiedTable] = []
        for table in try from.copyableTables().sorted(by: { (rank($0.name), $0.name) < (rank($1.name), $1.name) }) {
            guard let other = targetTables[table.name] else {
                let rows = try from.rowCount(table: table.name)
                if rows > 0 { throw StoreCopyError.tableMissing(target: target, table: table.name, rows: rows) }
                continue
            }
            if table.key.isEmpty { throw StoreCopyError.noKey(source: source, table: table.name) }
            let missing = table.columns.filter { !other.columns.contains($0) }
            if !missing.isEmpty { throw StoreCopyError.columnsMissing(target: target, table: table.name, columns: missing) }
            tables.append(table)
        }
        return tables
    }

    /// Copies (or finishes copying) and returns the counts, which all agree; `progress` hears a
    /// line per table.
    @discardableResult
    public func run(progress: (String) -> Void = { _ in }) throws -> [TableCount] {
        let tables = try plan()
        var state: CopyProgress
        if let recorded = try to.copyProgress() {
            guard recorded.source == source else { throw StoreCopyError.targetCopyOfOther(target: target, source: recorded.source) }
            state = recorded
            if !recorded.done { progress("going on with the copy of \(source) (stopped in \(recorded.table ?? "the first table"))") }
        } else {
            for table in try to.copyableTables() where !Self.targetKeepsOwnRows.contains(table.name) {
                let rows = try to.rowCount(table: table.name)
                if rows > 0 { throw StoreCopyError.targetNotEmpty(target: target, table: table.name, rows: rows) }
            }
            state = CopyProgress(source: source)
        }
        if !state.done {
            let start = state.table.flatMap { name in tables.firstIndex { $0.name == name } } ?? 0
            for (index, table) in tables.enumerated() where index >= start {
                var cursor = index == start ? state.lastKey : nil
                var copied = 0
                while true {
                    let rows = try from.readRows(table, after: cursor, limit: batchSize)
                    guard let last = rows.last else { break }
                    cursor = table.keyPositions.map { last[$0] }
                    state.table = table.name
                    state.lastKey = cursor
                    try to.writeRows(table, rows.filter { !isProgressRow($0, table) }, progress: state)
                    copied += rows.count
                }
                if copied > 0 { progress("\(table.name): \(copied) rows") }
            }
            state.done = true
            try to.finishCopy(state)
        }
        let counts = try tables.map { TableCount(table: $0.name, source: try from.rowCount(table: $0.name), target: try to.rowCount(table: $0.name)) }
        let differ = counts.filter { count in
            Self.targetKeepsOwnRows.contains(count.table) ? count.target < count.source : count.target != count.source
        }
        if !differ.isEmpty { throw StoreCopyError.countsDiffer(target: target, differ) }
        return counts
    }

    /// The source's own copy progress (it was once a copy target) is not copied.
    private func isProgressRow(_ row: [StoredValue], _ table: CopiedTable) -> Bool {
        guard table.name == "meta", let position = table.columns.firstIndex(of: "key"), case .text(let key) = row[position] else { return false }
        return key.hasPrefix(Self.progressPrefix)
    }
}
