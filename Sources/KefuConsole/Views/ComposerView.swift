import KefuCore

/// The composer docked under the thread: a title saying who the reply goes to, then the text
/// with the cursor placed where the next character goes. It shows everything that will be sent:
/// text hidden above or below the window is counted in `↑ 3 more lines` / `↓ 2 more lines`
/// marks; while the checks have findings, the margin numbers the lines they name and the
/// findings are wrapped in full under the text (more than fit: `… 2 more findings: Ctrl-R`, which lists them all). Under
/// them, when the agent asked for evidence attachments, an `attach: EV-2F9A, EV-9F00` line.
enum ComposerView {
    static func draw(_ state: AppState, in rect: Rect, on screen: inout ScreenBuffer) {
        guard let composer = state.composer, rect.height > 1, rect.width > 4 else { return }
        let focused = state.focus == .composer
        screen.fill(Rect(top: rect.top, left: rect.left, height: 1, width: rect.width), role: focused ? .selected : .header)
        let saved = composer.unsavedSince != nil ? "editing" : composer.hasSavedDraft ? "draft saved" : "new reply"
        let title = composer.mode == .note
            ? " INTERNAL NOTE on \(TerminalSanitizer.oneLine(composer.customerName))'s ticket (team only) · \(saved) · Ctrl-S save · Ctrl-N reply instead · Esc leave"
            : " Reply to \(TerminalSanitizer.oneLine(composer.customerName)) · \(saved) · Ctrl-S send · Ctrl-T templates · Esc leave"
        screen.put(title, row: rect.top, col: rect.left, role: focused ? .selected : .header, limit: rect.width)
        let g = ComposerGeometry(composer, in: rect)
        let width = rect.width - 1

        // Findings at the bottom, then the attach marker above them.
        var row = rect.bottom - g.findingLines.count - (g.findingsOverflow > 0 ? 1 : 0)
        for line in g.findingLines {
            screen.put(line.text, row: row, col: rect.left + 1, role: line.finding.isBlocking ? .error : .warning, limit: width)
            row += 1
        }
        if g.findingsOverflow > 0 {
            screen.put("… \(g.findingsOverflow) more finding\(g.findingsOverflow == 1 ? "" : "s"): Ctrl-R", row: row, col: rect.left + 1, role: .dim, limit: width)
        }
        if g.attachLine {
            let ids = composer.evidenceToAttach
            let marker = ids.isEmpty ? "attach: nothing yet — Ctrl-G inserts an evidence reference" : "attach: " + ids.joined(separator: ", ")
            screen.put(marker, row: rect.top + 1 + g.textHeight, col: rect.left + 1, role: ids.isEmpty ? .warning : .normal, limit: width)
        }

        var y = rect.top + 1
        if composer.editor.isEmpty {
            screen.put("Type your reply…", row: y, col: rect.left + 1 + g.margin, role: .dim, limit: width - g.margin)
        }
        if g.hiddenAbove > 0 {
            screen.put(ComposerGeometry.mark("↑", g.hiddenAbove), row: y, col: rect.left + 1 + g.margin, role: .dim, limit: width - g.margin)
            y += 1
        }
        let named = Set(composer.findings.map { $0.location.line - 1 })
        var cursorY: Int?
        for i in 0..<g.shown where !composer.editor.isEmpty {
            let index = g.top + i
            if g.margin > 0, index == 0 || g.lineOfRow[index] != g.lineOfRow[index - 1] {
                let number = String(g.lineOfRow[index] + 1)
                let padded = String(repeating: " ", count: max(0, g.margin - 1 - number.count)) + number
                screen.put(padded, row: y, col: rect.left + 1, role: named.contains(g.lineOfRow[index]) ? .error : .dim, limit: g.margin)
            }
            screen.put(g.rows[index], row: y, col: rect.left + 1 + g.margin, role: .normal, limit: width - g.margin)
            if index == g.cursorRow { cursorY = y }
            y += 1
        }
        if g.hiddenBelow > 0 {
            screen.put(ComposerGeometry.mark("↓", g.hiddenBelow), row: y, col: rect.left + 1 + g.margin, role: .dim, limit: width - g.margin)
        }
        if focused && state.overlay == .none && state.prompt == nil {
            let cursorRow = cursorY ?? (rect.top + 1 + (g.hiddenAbove > 0 ? 1 : 0))
            screen.cursor = (cursorRow, rect.left + 1 + g.margin + g.cursorColumn)
        }
    }
}
