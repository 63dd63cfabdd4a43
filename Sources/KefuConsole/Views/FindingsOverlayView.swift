import KefuCore

/// Ctrl-R: every finding of the last send attempt in full — what, where (line, column and the
/// text found there), how to fix it — for when the composer's lines under the text do not hold
/// them all. Scrolls like help; Esc closes.
enum FindingsOverlayView {
    static func lines(_ state: AppState, width: Int) -> [(text: String, role: StyleRole)] {
        guard let composer = state.composer else { return [] }
        var out: [(String, StyleRole)] = []
        for (index, finding) in composer.findings.enumerated() {
            if index > 0 { out.append(("", .normal)) }
            let role: StyleRole = finding.isBlocking ? .error : .warning
            let head = "\(finding.isBlocking ? "✖ blocks sending" : "⚠ warning") · \(finding.location.short)"
            out.append((head, role))
            for line in DisplayWidth.wrap(finding.message, to: max(10, width - 2)) { out.append(("  " + line, .normal)) }
            if !finding.location.excerpt.isEmpty {
                for line in DisplayWidth.wrap("at: " + TerminalSanitizer.oneLine(finding.location.excerpt), to: max(10, width - 2)) {
                    out.append(("  " + line, .dim))
                }
            }
            for line in DisplayWidth.wrap("fix: " + finding.fix, to: max(10, width - 2)) { out.append(("  " + line, .normal)) }
        }
        return out
    }

    static func draw(_ state: AppState, on screen: inout ScreenBuffer) {
        let width = min(90, screen.cols)
        let all = lines(state, width: width - 4)
        let box = OverlayBox.rect(rows: screen.rows - 2, cols: screen.cols, wantedHeight: all.count + 2, wantedWidth: width)
        let inner = box.inset(1)
        let visible = max(1, inner.height)
        let first = min(max(0, state.helpScroll), max(0, all.count - visible))
        let more = all.count > visible ? "  j/k scroll" : ""
        OverlayBox.draw(title: "Reply checks (Esc closes)\(more)", rect: box, on: &screen)
        for (offset, line) in all.dropFirst(first).prefix(visible).enumerated() {
            screen.put(line.text, row: inner.top + offset, col: inner.left + 1, role: line.role, limit: inner.width - 1)
        }
    }
}
