import KefuCore

/// The dashboard screen: the last figures read, which table has the cursor, the sort column.
public struct DashboardState: Sendable, Hashable {
    public enum Table: Sendable, Hashable { case agents, lanes }

    public var figures: DashboardFigures?
    public var table: Table = .agents
    /// The column rows are sorted by (worst first).
    public var sortColumn: MeterColumn = .overdue
    /// `r`: best first instead (names Z to A).
    public var reversed = false
    /// `p`: the response-time columns show the last 7 days instead of today.
    public var week = false
    /// The selected row of the focused table, by position in its sorted order.
    public var selected = 0

    public init() {}

    /// The focused table's rows in the shown order.
    public var rows: [MeterRow] { rows(of: table) }

    public func rows(of table: Table) -> [MeterRow] {
        guard let figures else { return [] }
        return sortColumn.sorted((table == .agents ? figures.agents : figures.lanes).map(showing), reversed: reversed)
    }

    /// The row as shown: with the 7-day response times in their columns when `week` is on.
    public func showing(_ row: MeterRow) -> MeterRow { week ? row.withWeekTimes : row }

    /// "today" or "7 days": the period of the response-time columns.
    public var periodTitle: String { week ? "7 days" : "today" }

    /// "worst first", "best first", "A to Z"...: the header's words for the order.
    public var orderTitle: String {
        if sortColumn == .name { return reversed ? "Z to A" : "A to Z" }
        return reversed ? "best first" : "worst first"
    }

    public var selectedRow: MeterRow? {
        let rows = self.rows
        return rows.indices.contains(selected) ? rows[selected] : nil
    }
}
