import Foundation

/// What `kefu store copy` asks of each backend: its tables as rows of `StoredValue`, read in
/// key order and written in batches. Each store module does the SQL; `StoreCopier` decides
/// what to copy, in which order, and checks the counts, without knowing either backend.
public protocol StoreRowCopying: AnyObject, Sendable {
    /// The tables that hold the store's data (not its migration bookkeeping, nor tallies its
    /// own triggers keep), with this store's column names and primary key.
    func copyableTables() throws -> [CopiedTable]
    func rowCount(table: String) throws -> Int
    /// Up to `limit` rows of `table` (its `columns`, in that order) whose key comes after
    /// `after`, in key order.
    func readRows(_ table: CopiedTable, after: [StoredValue]?, limit: Int) throws -> [[StoredValue]]
    /// Inserts the rows as they are (triggers that would derive rows or columns from them stay
    /// off: those rows are copied too) and records `progress`, in one transaction. A row whose
    /// key is already there is left alone.
    func writeRows(_ table: CopiedTable, _ rows: [[StoredValue]], progress: CopyProgress) throws
    /// The progress a copy into this store recorded, nil when none ever started.
    func copyProgress() throws -> CopyProgress?
    /// After the last row: counters that hand out new ids start after the copied ones, and the
    /// progress says done.
    func finishCopy(_ progress: CopyProgress) throws
}
