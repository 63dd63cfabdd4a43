import KefuCore

/// The thread: header, order summary and messages, scrolled; the newest message in view when opened.
enum ThreadPaneView {
    static func draw(_ state: AppState, in rect: Rect, on screen: inout ScreenBuffer) {
        guard rect.height > 0, rect.width > 2 else { return }
        let focused = state.focus == .thread
        screen.fill(Rect(top: rect.top, left: rect.left, height: 1, width: rect.width), role: focused ? .selected : .header)
        guard let thread = state.thread else {
            screen.put(" Thread", row: rect.top, col: rect.left, role: .header, limit: rect.width)
            let hint = state.queue.total == 0 ? "" : " Select a ticket and press Enter to read it."
            screen.put(hint, row: rect.top + 1, col: rect.left, role: .dim, limit: rect.width)
            return
        }
        let width = max(10, rect.width - 2)
        var lines = ThreadLines.make(thread, width: width, now: state.now, timeZone: state.timeZone)
        if let someone = state.presenceLine(for: thread.ticket.id) {
            // Above the messages, where the agent looks before answering.
            lines.insert(ThreadLines.Line(text: "◆ " + someone, role: .warning), at: 0)
        }
        let visible = rect.height - 1
        let maxScroll = max(0, lines.count - visible)
        let scroll = thread.scrollToEnd ? maxScroll : min(thread.scroll, maxScroll)
        let percent = lines.count <= visible ? "all" : "\(min(100, (scroll + visible) * 100 / max(1, lines.count)))%"
        screen.put(" Thread · \(CountText.of(thread.messages.count, "message")) · \(percent)", row: rect.top, col: rect.left,
                   role: focused ? .selected : .header, limit: rect.width)
        for i in 0..<visible {
            let index = scroll + i
            guard index < lines.count else { break }
            screen.put(lines[index].text, row: rect.top + 1 + i, col: rect.left + 1, role: lines[index].role, limit: rect.width - 1)
        }
    }
}
