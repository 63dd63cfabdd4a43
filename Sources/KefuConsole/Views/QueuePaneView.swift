import Foundation
import KefuCore

/// The queue: a header with the view, position and filter, then one row per ticket — state
/// mark, countdown, channel, who spoke last, customer, subject or snippet.
enum QueuePaneView {
    static func draw(_ state: AppState, in rect: Rect, on screen: inout ScreenBuffer) {
        guard rect.height > 0, rect.width > 0 else { return }
        let q = state.queue
        let position = q.total == 0 ? "0/0" : "\(q.selected + 1)/\(q.total)"
        var header = " Queue · \(q.view.title) · \(position)"
        if let scope = q.scopeTitle(me: state.profile.name) { header = " Queue · \(q.view.title) · \(scope) · \(position)" }
        if !q.filter.isEmpty { header += " · /\(q.filter)" }
        if !state.marked.isEmpty { header += " · \(state.marked.count) marked" }
        screen.fill(Rect(top: rect.top, left: rect.left, height: 1, width: rect.width), role: .header)
        screen.put(header, row: rect.top, col: rect.left, role: .header, limit: rect.width)
        let listHeight = rect.height - 1
        guard listHeight > 0 else { return }
        if q.rows.isEmpty {
            let message = q.loading ? "Loading…" : (q.filter.isEmpty ? "Nothing to answer. Well done." : "No ticket matches /\(q.filter)")
            screen.put(" " + message, row: rect.top + 1, col: rect.left, role: .dim, limit: rect.width)
            return
        }
        // Keep the selection in view: scroll so that it sits inside the visible rows.
        let first = visibleStart(selected: q.selected, total: q.total, height: listHeight)
        for line in 0..<listHeight {
            let index = first + line
            guard index < q.total, q.contains(index: index) else { continue }
            let ticket = q.rows[index - q.windowStart]
            drawRow(ticket, selected: index == q.selected, focused: state.focus == .queue,
                    marked: state.marked.contains(ticket.id), now: state.now, row: rect.top + 1 + line, left: rect.left, width: rect.width, on: &screen)
        }
    }

    /// The first list index shown so that `selected` is visible, paging like less/tig.
    static func visibleStart(selected: Int, total: Int, height: Int) -> Int {
        guard total > height else { return 0 }
        let page = selected / height
        return min(page * height, total - height)
    }

    static func drawRow(_ ticket: Ticket, selected: Bool, focused: Bool, marked: Bool = false, now: Date, row: Int, left: Int, width: Int, on screen: inout ScreenBuffer) {
        let base: StyleRole = selected ? (focused ? .selected : .selectedDim) : .normal
        screen.fill(Rect(top: row, left: left, height: 1, width: width), role: base)
        let state = DeadlineState.of(due: ticket.due, target: ticket.dueTarget, warnAt: ticket.warnAt, now: now)
        let countdown = ticket.due.map { Countdown.compact(remaining: $0.timeIntervalSince(now)) } ?? "—"
        let stateRole: StyleRole = selected ? base : (state == .overdue ? .overdue : state == .warning ? .warning : .onTrack)
        var x = left
        x = screen.put(state.mark, row: row, col: x, role: stateRole, limit: 1)
        x = screen.put(DisplayWidth.fit(countdown, to: 7), row: row, col: x, role: stateRole, limit: 7)
        x = screen.put(" " + DisplayWidth.fit(ticket.marketplace.shortLabel, to: 4), row: row, col: x, role: base, limit: 5)
        x = screen.put(ticket.lastFrom == .customer ? " *" : "  ", row: row, col: x, role: base, limit: 2)
        // The owner in two letters ("LW"), "+" in front when marked for a batch move.
        let owner = ticket.assignee.map { DisplayWidth.fit(AgentInitials.of(TerminalSanitizer.oneLine($0)), to: 2) } ?? "  "
        x = screen.put((marked ? "+" : " ") + owner, row: row, col: x, role: base, limit: 3)
        let remaining = left + width - x
        guard remaining > 2 else { return }
        let nameWidth = min(18, max(8, remaining / 3))
        x = screen.put(" " + DisplayWidth.fit(TerminalSanitizer.oneLine(ticket.customerName), to: nameWidth), row: row, col: x, role: base, limit: nameWidth + 1)
        let rest = left + width - x
        guard rest > 1 else { return }
        let subject = ticket.subject.isEmpty ? ticket.snippet : ticket.subject
        let tag = (ticket.safetyMark.map { "⚠ \(TerminalSanitizer.oneLine($0)) " } ?? "") + (ticket.hold.map { $0.tag + " " } ?? "")
        screen.put(" " + DisplayWidth.truncate(tag + TerminalSanitizer.oneLine(subject), to: rest - 1), row: row, col: x, role: selected ? base : .dim, limit: rest)
    }
}
