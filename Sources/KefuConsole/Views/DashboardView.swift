import Foundation
import KefuCore

/// The team dashboard: agents, then channels and marketplaces (with Amazon's late-response rate),
/// then the whole queue as a histogram of time to deadline and a sparkline of the last 24 hours.
/// Meters are bars with the target marked `┃` and their state in words, never colour alone.
enum DashboardView {
    static func draw(_ state: AppState, in rect: Rect, on screen: inout ScreenBuffer) {
        guard rect.height > 0, rect.width > 0, let board = state.dashboard else { return }
        let targets = MeterTargets()
        screen.fill(Rect(top: rect.top, left: rect.left, height: 1, width: rect.width), role: .header)
        let since = DashboardText.time(board.figures?.windows.today ?? state.now, zone: state.timeZone)
        screen.put(" Dashboard · live · today since \(since) · 7 days since \(DashboardText.day(board.figures?.windows.days7 ?? state.now, zone: state.timeZone)) · times: \(board.periodTitle) (p) · sorted by \(board.sortColumn.title), \(board.orderTitle)",
                   row: rect.top, col: rect.left, role: .header, limit: rect.width)
        guard let figures = board.figures else {
            screen.put(" Loading…", row: rect.top + 1, col: rect.left, role: .dim, limit: rect.width)
            return
        }
        // A scam wave comes first: it is what the lead must act on now.
        let waves = figures.scamWaves.prefix(max(0, min(2, rect.height - 8)))
        for (offset, wave) in waves.enumerated() {
            let line = " ⚠ SCAM WAVE: \(TerminalSanitizer.oneLine(wave.summary(timeZone: state.timeZone))) · answer with the template '\(ScamWaveRule.templateName)' (r, then Ctrl-T)"
            screen.fill(Rect(top: rect.top + 1 + offset, left: rect.left, height: 1, width: rect.width), role: .overdue)
            screen.put(line, row: rect.top + 1 + offset, col: rect.left, role: .overdue, limit: rect.width)
        }
        var shift = waves.count
        if rect.height >= 30, let f = figures.followUps {
            // The lead's follow-up numbers, one line: due, late, done, and what the rules raised
            // (a store without follow-ups has no line, kefu report says why; on a short screen the
            // tables keep the rows).
            let rules = f.byRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let text = " Follow-ups: due \(f.due) · late \(f.late) · done \(f.done) · scheduled \(f.scheduled) · speak first per rule: \(rules.isEmpty ? "none" : rules)"
            screen.put(text, row: rect.top + 1 + shift, col: rect.left, role: f.late > 0 ? .warning : .dim, limit: rect.width)
            shift += 1
        }
        let rect = Rect(top: rect.top + shift, left: rect.left, height: rect.height - shift, width: rect.width)
        var columns = DashboardColumns(width: rect.width)
        columns.pending = board.week && figures.weekPending
        columns.weekPending = figures.weekPending
        let agents = board.rows(of: .agents), lanes = board.rows(of: .lanes)
        // Rows left for the two tables after the fixed lines (headers, team row, Amazon line, graphs).
        let graphHeight = min(7, max(0, rect.height - 12))
        let free = max(2, rect.height - 1 - 6 - graphHeight)
        let laneRows = min(lanes.count, max(1, free / 2))
        let agentRows = min(agents.count, max(1, free - laneRows))
        var row = rect.top + 1

        row = drawTable("Agents", agents, visible: agentRows, focused: board.table == .agents, board: board,
                        columns: columns, targets: targets, row: row, rect: rect, on: &screen)
        if row < rect.bottom {
            drawRow(board.showing(figures.team), columns: columns, targets: targets, role: .title, row: row, left: rect.left, on: &screen)
            row += 1
        }
        row = drawTable("Channels", lanes, visible: laneRows, focused: board.table == .lanes, board: board,
                        columns: columns, targets: targets, row: row, rect: rect, on: &screen)
        if row < rect.bottom {
            row += drawAmazon(lanes.first { if case .lane(let lane) = $0.subject { return lane.marketplace == .amazon && lane.channel == .marketplace }; return false },
                       targets: targets, row: row, rect: rect, on: &screen)
        }
        if row + 1 < rect.bottom { drawGraphs(figures, top: row + 1, rect: rect, on: &screen) }
    }

    /// Writes `text` keeping its runs of spaces (`ScreenBuffer.put` folds them, as it should for
    /// untrusted text): each word is put at its own column, so columns line up.
    @discardableResult
    static func place(_ text: String, row: Int, col: Int, role: StyleRole, limit: Int, on screen: inout ScreenBuffer) -> Int {
        let end = col + max(0, limit)
        var x = col
        var word = ""
        func flush() {
            guard !word.isEmpty, x < end else { word = ""; return }
            x = screen.put(word, row: row, col: x, role: role, limit: end - x)
            word = ""
        }
        for character in text {
            if character == " " {
                flush()
                x += 1
            } else {
                word.append(character)
            }
        }
        flush()
        return min(x, end)
    }

    private static func drawTable(
        _ title: String, _ rows: [MeterRow], visible: Int, focused: Bool, board: DashboardState, columns: DashboardColumns,
        targets: MeterTargets, row start: Int, rect: Rect, on screen: inout ScreenBuffer
    ) -> Int {
        var row = start
        guard row < rect.bottom else { return row }
        place(columns.header(title: title, sorted: board.sortColumn, reversed: board.reversed, focused: focused), row: row, col: rect.left, role: .title, limit: rect.width, on: &screen)
        row += 1
        if rows.isEmpty, row < rect.bottom {
            screen.put("  no figures yet", row: row, col: rect.left, role: .dim, limit: rect.width)
            return row + 1
        }
        let selected = focused ? board.selected : -1
        let first = focused ? QueuePaneView.visibleStart(selected: selected, total: rows.count, height: max(1, visible)) : 0
        for index in first..<min(rows.count, first + visible) where row < rect.bottom {
            let role: StyleRole = index == selected ? .selected : .normal
            screen.fill(Rect(top: row, left: rect.left, height: 1, width: rect.width), role: role)
            drawRow(rows[index], columns: columns, targets: targets, role: role, row: row, left: rect.left, on: &screen)
            row += 1
        }
        return row
    }

    private static func drawRow(_ meter: MeterRow, columns: DashboardColumns, targets: MeterTargets, role: StyleRole, row: Int, left: Int, on screen: inout ScreenBuffer) {
        var x = left
        for cell in columns.cells(meter, targets: targets) {
            let cellRole: StyleRole = role == .selected ? role : (cell.alarm ? .overdue : cell.good ? .onTrack : role)
            place(cell.text, row: row, col: x, role: cellRole, limit: cell.width, on: &screen)
            x = left + columns.offset(after: cell.index)
        }
    }

    /// Returns the rows used: one, or two on a narrow screen (the windows under the title).
    private static func drawAmazon(_ amazon: MeterRow?, targets: MeterTargets, row start: Int, rect: Rect, on screen: inout ScreenBuffer) -> Int {
        var row = start
        var x = screen.put(" Amazon late-response rate (after 24 h or never; target < \(Int(targets.amazonLateRate * 100))%):",
                           row: row, col: rect.left, role: .title, limit: rect.width)
        if x + 66 > rect.right, row + 1 < rect.bottom {
            row += 1
            x = rect.left + 1
        }
        for window in LateWindow.allCases {
            let share = amazon?.lateResponse[window] ?? .none
            let state = MeterGraphics.lateState(share, target: targets.amazonLateRate)
            // The bar spans 0-20 %, so the 10 % target sits in its middle.
            let bar = MeterGraphics.bar(share.fraction.map { min(1, $0 / (targets.amazonLateRate * 2)) }, width: 4, target: 0.5)
            x = place("  \(window.title) \(bar) \(share.percentText) ", row: row, col: x, role: .normal, limit: rect.right - x, on: &screen)
            x = screen.put(state, row: row, col: x, role: state == "OK" ? .onTrack : share.fraction == nil ? .dim : .overdue, limit: rect.right - x)
        }
        return row - start + 1
    }

    private static func drawGraphs(_ figures: DashboardFigures, top: Int, rect: Rect, on screen: inout ScreenBuffer) {
        var row = top
        screen.put(" Whole queue · time to the nearest deadline", row: row, col: rect.left, role: .title, limit: rect.width / 2)
        let rightLeft = rect.left + max(44, rect.width / 2)
        let sparkWidth = rect.right - rightLeft
        if sparkWidth > 30 {
            screen.put("Last 24 h per hour, oldest → now", row: row, col: rightLeft, role: .title, limit: sparkWidth)
            let inbound = figures.traffic.map(\.inbound), replies = figures.traffic.map(\.replies)
            place("in   " + MeterGraphics.sparkline(inbound) + " \(inbound.reduce(0, +))", row: row + 1, col: rightLeft, role: .normal, limit: sparkWidth, on: &screen)
            place("out  " + MeterGraphics.sparkline(replies) + " \(replies.reduce(0, +))", row: row + 2, col: rightLeft, role: .normal, limit: sparkWidth, on: &screen)
            screen.put("peak \(inbound.max() ?? 0) in / \(replies.max() ?? 0) out per hour", row: row + 3, col: rightLeft, role: .dim, limit: sparkWidth)
        }
        row += 1
        let maximum = figures.histogram.values.max() ?? 0
        let barWidth = max(4, min(30, rightLeft - rect.left - 18))
        for bucket in DueBucket.allCases where row < rect.bottom {
            let count = figures.histogram[bucket] ?? 0
            screen.put(bucket.title, row: row, col: rect.left + 1, role: bucket == .overdue && count > 0 ? .overdue : .normal, limit: 8)
            let x = rect.left + 9
            let bar = MeterGraphics.histogramBar(count, maximum: maximum, width: barWidth)
            screen.put(bar + " \(count)", row: row, col: x, role: bucket == .overdue ? .overdue : bucket == .underHour ? .warning : .onTrack,
                       limit: rightLeft - x - 1)
            row += 1
        }
    }
}

/// Which columns fit the width, and what each cell says.
struct DashboardColumns {
    struct Cell {
        var index: Int
        var text: String
        var width: Int
        var alarm = false
        var good = false
    }

    let width: Int
    /// Today's times show the 7 days (`p`) and those are not loaded yet: "…" rather than "—".
    var pending = false
    /// The 7-day columns' own figures are not loaded yet.
    var weekPending = false
    let bars: Bool
    let percentiles90: Bool
    /// The 7-day percentiles get columns of their own beside today's.
    let weekColumns: Bool
    let shown: [MeterColumn]
    let nameWidth: Int
    /// Each width includes the gap before the value.
    static let numberWidths: [MeterColumn: Int] = [
        .open: 5, .repliedToday: 8, .firstReplyP50: 8, .firstReplyP90: 8, .replyP50: 8, .replyP90: 8, .overdue: 8, .dueWithinHour: 5,
        .firstReplyP50Week: 9, .firstReplyP90Week: 9, .replyP50Week: 9, .replyP90Week: 9,
    ]

    /// From 160 columns the 7-day percentiles stand beside today's; at 120 and more every other
    /// column with bars; from 100 without bars; below 100 the p90 columns give way (the p50s stay).
    init(width: Int) {
        self.width = width
        bars = width >= 120
        percentiles90 = width >= 100
        weekColumns = width >= 160
        let shown = Self.columns(width: width)
        self.shown = shown
        let metWidth = bars ? 23 : 16
        let others = shown.filter { $0 != .name }
            .reduce(0) { total, column in total + (column == .metToday || column == .met7d ? metWidth : Self.numberWidths[column] ?? 0) }
        nameWidth = max(6, width - others)
    }

    /// The columns a screen this wide shows (and `<` `>` sort by), in order.
    static func columns(width: Int) -> [MeterColumn] {
        MeterColumn.allCases.filter { column in
            if column.isWeek { return width >= 160 }
            return width >= 100 || (column != .firstReplyP90 && column != .replyP90)
        }
    }

    func width(of column: MeterColumn) -> Int {
        switch column {
        case .name: nameWidth
        case .metToday, .met7d: bars ? 23 : 16
        default: Self.numberWidths[column] ?? 6
        }
    }

    /// The column's left edge after the cell at position `index` of `shown`.
    func offset(after index: Int) -> Int {
        shown.prefix(index + 1).reduce(0) { $0 + width(of: $1) }
    }

    func header(title: String, sorted: MeterColumn, reversed: Bool = false, focused: Bool) -> String {
        shown.map { column in
            let name = column == .name ? (focused ? "▸ " : "  ") + title
                : column == .metToday || column == .met7d ? " \(column.title) ≥\(Int(MeterTargets().metShare * 100))%" : column.title
            let text = name + (column == sorted ? (reversed ? "▲" : "▼") : "")
            return column == .name || column == .metToday || column == .met7d
                ? DisplayWidth.fit(text, to: width(of: column)) : Self.right(text, width(of: column))
        }.joined()
    }

    func cells(_ row: MeterRow, targets: MeterTargets) -> [Cell] {
        shown.enumerated().map { index, column in
            let w = width(of: column)
            func number(_ text: String, alarm: Bool = false) -> Cell { Cell(index: index, text: Self.right(text, w), width: w, alarm: alarm) }
            switch column {
            case .name: return Cell(index: index, text: " " + DisplayWidth.fit(TerminalSanitizer.oneLine(row.subject.title), to: w - 1), width: w)
            case .open: return number("\(row.open)")
            case .repliedToday: return number("\(row.repliedToday)")
            case .firstReplyP50: return number(time(row.firstReply?.p50))
            case .firstReplyP90: return number(time(row.firstReply?.p90))
            case .replyP50: return number(time(row.reply?.p50))
            case .replyP90: return number(time(row.reply?.p90))
            case .firstReplyP50Week: return number(weekTime(row.firstReply7d?.p50))
            case .firstReplyP90Week: return number(weekTime(row.firstReply7d?.p90))
            case .replyP50Week: return number(weekTime(row.reply7d?.p50))
            case .replyP90Week: return number(weekTime(row.reply7d?.p90))
            case .overdue: return number("\(row.overdueNow)", alarm: row.overdueNow > 0)
            case .dueWithinHour: return number("\(row.dueWithinHour)")
            case .metToday, .met7d:
                let share = column == .metToday ? row.metToday : row.met7d
                let state = MeterGraphics.metState(share, target: targets.metShare)
                let bar = bars ? MeterGraphics.bar(share.fraction, width: 6, target: targets.metShare) + " " : ""
                let text = " " + bar + Self.right(share.percentText, 6) + " " + state
                return Cell(index: index, text: DisplayWidth.fit(text, to: w), width: w,
                            alarm: share.fraction.map { $0 < targets.metShare } ?? false, good: share.fraction.map { $0 >= targets.metShare } ?? false)
            }
        }
    }

    private func time(_ seconds: Double?) -> String {
        pending ? "…" : DashboardText.duration(seconds)
    }

    private func weekTime(_ seconds: Double?) -> String {
        weekPending ? "…" : DashboardText.duration(seconds)
    }

    static func right(_ text: String, _ width: Int) -> String {
        let w = DisplayWidth.of(text)
        return w >= width ? DisplayWidth.truncate(text, to: width) : String(repeating: " ", count: width - w) + text
    }
}

/// Times and durations as the dashboard writes them.
enum DashboardText {
    /// "12m05s", "1h05m", "2d03h"; "—" without data.
    static func duration(_ seconds: Double?) -> String {
        seconds.map { Countdown.compact(remaining: $0) } ?? "—"
    }

    static func time(_ date: Date, zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: date)
    }

    static func day(_ date: Date, zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "d MMM"
        return formatter.string(from: date)
    }
}
