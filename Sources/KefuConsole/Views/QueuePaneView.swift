import Foundation
import KefuCore

/// The queue: a header with the view, order, position and filter, then one row per ticket in
/// fixed columns (`QueueColumns`) — state mark and countdown, the clock that sets it,
/// marketplace, who spoke last, draft, owner, customer, subject. In the triage order a band
/// line separates what can still be saved from what is already late, with both counts.
enum QueuePaneView {
    static func draw(_ state: AppState, in rect: Rect, on screen: inout ScreenBuffer) {
        guard rect.height > 0, rect.width > 0 else { return }
        let q = state.queue
        let position = q.total == 0 ? "0/0" : "\(q.selected + 1)/\(q.total)"
        var header = " Queue · \(q.view.title)"
        if q.order == .deadline { header += " · \(q.order.title)" }
        if let scope = q.scopeTitle(me: state.profile.name) { header += " · \(scope)" }
        header += " · \(position)"
        if !q.filter.isEmpty { header += " · /\(TerminalSanitizer.oneLine(q.filter))" }
        if !state.marked.isEmpty { header += " · \(state.marked.count) marked" }
        screen.fill(Rect(top: rect.top, left: rect.left, height: 1, width: rect.width), role: .header)
        screen.put(header, row: rect.top, col: rect.left, role: .header, limit: rect.width)
        let listHeight = rect.height - 1
        guard listHeight > 0 else { return }
        if q.rows.isEmpty {
            let message = q.loading ? "Loading…" : (q.filter.isEmpty ? emptyText(q) : "No ticket matches /\(TerminalSanitizer.oneLine(q.filter))")
            screen.put(" " + message, row: rect.top + 1, col: rect.left, role: .dim, limit: rect.width)
            return
        }
        let lines = ListLines(queue: q)
        let columns = QueueColumns(width: rect.width, showsPresence: state.presence.showsColumn(team: state.profile.team))
        // Keep the selection in view: scroll so that it sits inside the visible rows.
        let first = visibleStart(selected: lines.line(of: q.selected), total: lines.count, height: listHeight)
        for offset in 0..<listHeight {
            let line = first + offset
            let row = rect.top + 1 + offset
            if line == lines.dividerLine, let bands = q.bands {
                drawDivider(bands, row: row, left: rect.left, width: rect.width, on: &screen)
                continue
            }
            guard let index = lines.index(at: line), index < q.total, q.contains(index: index) else { continue }
            let ticket = q.rows[index - q.windowStart]
            drawRow(ticket, columns: columns, selected: index == q.selected, focused: state.focus == .queue,
                    marked: state.marked.contains(ticket.id), someone: state.presence.others[ticket.id], now: state.now, row: row,
                    left: rect.left, on: &screen)
        }
    }

    /// What an empty list says: the scope and the view it is empty for.
    static func emptyText(_ q: QueueState) -> String {
        if let scope = q.scopeTitle(me: "") {
            // A drill-down to an agent who answered today but owns nothing open is empty, not done.
            return "No open ticket is \(scope) (answers count for whoever replied) — m: everyone's"
        }
        if q.view != .needsReply {
            return "No ticket in this view (\(q.view.title)) — v or o/u/c again for all"
        }
        return "Nothing to answer. Well done."
    }

    /// The list as screen lines: the tickets, with the band line before the first late ticket
    /// when both bands have tickets (or at the top when only late ones are left).
    struct ListLines {
        var count: Int
        var dividerLine: Int?

        init(queue: QueueState) {
            if let bands = queue.bands, bands.late > 0, queue.order == .triage {
                dividerLine = bands.savable
                count = queue.total + 1
            } else {
                dividerLine = nil
                count = queue.total
            }
        }

        func line(of index: Int) -> Int {
            guard let dividerLine else { return index }
            return index >= dividerLine ? index + 1 : index
        }

        func index(at line: Int) -> Int? {
            guard let dividerLine else { return line }
            if line == dividerLine { return nil }
            return line > dividerLine ? line - 1 : line
        }
    }

    static func drawDivider(_ bands: QueueBands, row: Int, left: Int, width: Int, on screen: inout ScreenBuffer) {
        let text = "── ▲ \(bands.savable) can still be saved · ▼ \(bands.late) already late, longest first "
        screen.fill(Rect(top: row, left: left, height: 1, width: width), role: .dim)
        let x = screen.put(text, row: row, col: left, role: .dim, limit: width)
        if x < left + width { screen.put(String(repeating: "─", count: left + width - x), row: row, col: x, role: .dim, limit: left + width - x) }
    }

    /// The first list index shown so that `selected` is visible, paging like less/tig.
    static func visibleStart(selected: Int, total: Int, height: Int) -> Int {
        guard total > height else { return 0 }
        let page = selected / height
        return min(page * height, total - height)
    }

    static func drawRow(
        _ ticket: Ticket, columns: QueueColumns, selected: Bool, focused: Bool, marked: Bool = false, someone: TicketPresence? = nil,
        now: Date, row: Int, left: Int, on screen: inout ScreenBuffer
    ) {
        let base: StyleRole = selected ? (focused ? .selected : .selectedDim) : .normal
        screen.fill(Rect(top: row, left: left, height: 1, width: columns.width), role: base)
        let state = DeadlineState.of(due: ticket.due, target: ticket.dueTarget, warnAt: ticket.warnAt, now: now)
        let countdown = ticket.due.map { Countdown.compact(remaining: $0.timeIntervalSince(now)) } ?? "—"
        let stateRole: StyleRole = selected ? base : (state == .overdue ? .overdue : state == .warning ? .warning : .onTrack)
        let end = left + columns.width
        var x = left
        func field(_ text: String, _ width: Int, _ role: StyleRole) {
            guard x < end else { return }
            let limit = min(width, end - x)
            screen.put(DisplayWidth.fit(text, to: limit), row: row, col: x, role: role, limit: limit)
            x += limit
        }
        field(state.mark, 1, stateRole)
        field(countdown, QueueColumns.countdownWidth, stateRole)
        // The clock, then the marketplace unless the clock already names it (`AMZ` once, not `AMZ AMZ`).
        let clock = ticket.due == nil ? "" : ticket.clockLabel
        field(" " + clock, 1 + QueueColumns.clockWidth, base)
        field(" " + (clock == ticket.marketplace.shortLabel ? "" : ticket.marketplace.shortLabel), 1 + QueueColumns.marketWidth, base)
        field(ticket.lastFrom == .customer ? " *" : "  ", 2, base)
        field(ticket.hasDraft ? "✎" : " ", 1, base)
        // The owner in two letters ("LW"), "+" in front when marked for a batch move.
        let owner = ticket.assignee.map { DisplayWidth.fit(AgentInitials.of(TerminalSanitizer.oneLine($0)), to: 2) } ?? "  "
        field((marked ? "+" : " ") + owner, 3, base)
        if columns.showsPresence {
            // Someone else reading (`ZM`) or typing (`ZM✎`) in it, or holding its claim.
            let mark = someone.map { " " + $0.rowMark } ?? ""
            field(mark, QueueColumns.presenceWidth, selected ? base : (someone?.kind == .typing ? .warning : .dim))
        }
        field(" " + DisplayWidth.truncate(TerminalSanitizer.oneLine(ticket.customerName), to: columns.name), 1 + columns.name, base)
        let subject = ticket.subject.isEmpty ? ticket.snippet : ticket.subject
        // The customer's segment as a letter in brackets before the subject, like the other tags
        // (`[V]` vip, `[L]` loyal, `[B]` big spender, `[N]` new, `[A]` active, `[R]` at risk, `[Z]` lapsed).
        // Not for `new`, which most customers are at first: on every row it said nothing and
        // took four characters of each subject.
        let segment = ticket.segment == "new" ? "" : SegmentRules.letter(ticket.segment).map { "[\($0)] " } ?? ""
        let tag = segment + (ticket.safetyMark.map { "⚠ \(TerminalSanitizer.oneLine($0)) " } ?? "") + (ticket.hold.map { $0.tag + " " } ?? "")
            + (ticket.followUpAt.map { $0 <= now ? "↻ follow-up due " : "↻ follow-up " } ?? "")
        let rest = end - x
        guard rest > 1 else { return }
        screen.put(" " + DisplayWidth.truncate(tag + TerminalSanitizer.oneLine(subject), to: rest - 1), row: row, col: x, role: selected ? base : .dim, limit: rest)
    }
}
