import KefuCore

/// One terminal cell: a base character with any combining marks, how many columns it takes, and
/// its style role. A wide character is followed by a continuation cell of width 0.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var width: UInt8
    public var role: StyleRole

    public init(text: String, width: UInt8, role: StyleRole) {
        self.text = text
        self.width = width
        self.role = role
    }

    public static let blank = Cell(text: " ", width: 1, role: .normal)
    static func continuation(_ role: StyleRole) -> Cell { Cell(text: "", width: 0, role: role) }
}

/// What the console draws: a grid of cells the views write into and the terminal presents.
///
/// Every string written goes through `TerminalSanitizer` first, so no view can put a control
/// sequence on the screen by accident; widths come from `DisplayWidth` (wcwidth), and a wide
/// character that would not fit at the right edge is replaced by a space, never split.
public struct ScreenBuffer: Sendable, Hashable {
    public let rows: Int
    public let cols: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should stand (the composer's caret), if anywhere.
    public var cursor: (row: Int, col: Int)? {
        get { cursorRow.map { ($0, cursorCol) } }
        set { cursorRow = newValue?.row; cursorCol = newValue?.col ?? 0 }
    }
    private var cursorRow: Int?
    private var cursorCol = 0

    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        cells = Array(repeating: .blank, count: self.rows * self.cols)
    }

    public subscript(row: Int, col: Int) -> Cell {
        cells[row * cols + col]
    }

    /// Fills a rectangle with blanks of one role.
    public mutating func fill(_ rect: Rect, role: StyleRole) {
        let r = rect.clipped(rows: rows, cols: cols)
        guard r.width > 0 else { return }
        for row in r.top..<r.bottom {
            for col in r.left..<r.right { set(row, col, Cell(text: " ", width: 1, role: role)) }
        }
    }

    /// Writes `text` on one line starting at (row, col), never past `limit` columns (default: the
    /// edge). Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, role: StyleRole, limit: Int? = nil) -> Int {
        guard row >= 0, row < rows, col < cols else { return col }
        let end = min(cols, limit.map { col + max(0, $0) } ?? cols)
        var x = col
        let safe = TerminalSanitizer.oneLine(text)
        var pending: (text: String.UnicodeScalarView, width: Int)?
        func flush() {
            guard let cell = pending else { return }
            pending = nil
            if x + cell.width > end {
                if x < end { set(row, x, Cell(text: " ", width: 1, role: role)) }
                x = end
                return
            }
            if x >= 0 {
                set(row, x, Cell(text: String(cell.text), width: UInt8(cell.width), role: role))
                if cell.width == 2 { set(row, x + 1, .continuation(role)) }
            }
            x += cell.width
        }
        for scalar in safe.unicodeScalars {
            let w = DisplayWidth.of(scalar)
            if w == 0 {
                // A combining mark joins the cell before it (at most a few per cell, as ncurses allows).
                if pending != nil, pending!.text.count < 5 { pending!.text.append(scalar) }
                continue
            }
            flush()
            if x >= end { break }
            pending = (String.UnicodeScalarView([scalar]), w)
        }
        flush()
        return min(x, end)
    }

    /// Writes one cell, blanking the halves of any wide character it overwrites, so no
    /// continuation cell is ever left without its wide character.
    private mutating func set(_ row: Int, _ col: Int, _ cell: Cell) {
        let index = row * cols + col
        let old = cells[index]
        if old.width == 0 && cell.width != 0 && col > 0 && cells[index - 1].width == 2 {
            cells[index - 1] = Cell(text: " ", width: 1, role: cells[index - 1].role)
        }
        if old.width == 2 && col + 1 < cols && cell.width != 2 {
            cells[index + 1] = Cell(text: " ", width: 1, role: cells[index + 1].role)
        }
        cells[index] = cell
    }

    /// The text of one row, wide characters once, for snapshots and tests.
    public func text(row: Int) -> String {
        var line = ""
        for col in 0..<cols {
            let cell = self[row, col]
            if cell.width > 0 { line += cell.text }
        }
        return line
    }

    /// The whole screen as text, trailing spaces trimmed per row.
    public var text: String {
        (0..<rows).map { row in
            var line = text(row: row)
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// One role code per column, for snapshots that check styling as well as text.
    public func roles(row: Int) -> String {
        String((0..<cols).map { self[row, $0].role.code })
    }

    /// True when some row contains `needle`.
    public func contains(_ needle: String) -> Bool {
        (0..<rows).contains { text(row: $0).contains(needle) }
    }

    /// The first row containing `needle`.
    public func row(containing needle: String) -> Int? {
        (0..<rows).first { text(row: $0).contains(needle) }
    }

    public static func == (lhs: ScreenBuffer, rhs: ScreenBuffer) -> Bool {
        lhs.rows == rhs.rows && lhs.cols == rhs.cols && lhs.cells == rhs.cells
            && lhs.cursorRow == rhs.cursorRow && lhs.cursorCol == rhs.cursorCol
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rows)
        hasher.combine(cols)
        hasher.combine(cells)
    }
}
