import KefuCore

/// The composer docked under the thread: a title saying who the reply goes to, then the text
/// with the cursor placed where the next character goes; under it, when the agent asked for
/// evidence attachments, an `attach: EV-2F9A, EV-9F00` line.
enum ComposerView {
    static func draw(_ state: AppState, in rect: Rect, on screen: inout ScreenBuffer) {
        guard let composer = state.composer, rect.height > 1, rect.width > 4 else { return }
        let focused = state.focus == .composer
        screen.fill(Rect(top: rect.top, left: rect.left, height: 1, width: rect.width), role: focused ? .selected : .header)
        let saved = composer.unsavedSince == nil ? "draft saved" : "editing"
        let title = composer.mode == .note
            ? " INTERNAL NOTE on \(TerminalSanitizer.oneLine(composer.customerName))'s ticket (team only) · \(saved) · Ctrl-S save · Ctrl-N reply instead · Esc leave"
            : " Reply to \(TerminalSanitizer.oneLine(composer.customerName)) · \(saved) · Ctrl-S send · Ctrl-T templates · Esc leave"
        screen.put(title, row: rect.top, col: rect.left, role: focused ? .selected : .header, limit: rect.width)
        let width = rect.width - 1
        let (rows, cursorRow, cursorColumn) = composer.editor.wrapped(width: width)
        // The findings of the last send attempt take the bottom lines, at most half the pane.
        let findingLines = min(composer.findings.count, max(0, (rect.height - 1) / 2))
        for (index, finding) in composer.findings.prefix(findingLines).enumerated() {
            let mark = finding.isBlocking ? "✖ " : "⚠ "
            let text = mark + "\(finding.location.short): \(finding.message) — \(finding.fix)"
            screen.put(text, row: rect.bottom - findingLines + index, col: rect.left + 1,
                       role: finding.isBlocking ? .error : .warning, limit: width)
        }
        // Ctrl-O's marker, in words (not only colour): which evidence files go with the reply.
        let attachLines = composer.attachEvidence && composer.mode == .reply && rect.height - 1 - findingLines > 1 ? 1 : 0
        if attachLines == 1 {
            let ids = composer.evidenceToAttach
            let marker = ids.isEmpty ? "attach: nothing yet — Ctrl-G inserts an evidence reference" : "attach: " + ids.joined(separator: ", ")
            screen.put(marker, row: rect.bottom - findingLines - 1, col: rect.left + 1, role: ids.isEmpty ? .warning : .normal, limit: width)
        }
        let visible = rect.height - 1 - findingLines - attachLines
        let first = max(0, cursorRow - visible + 1)
        if composer.editor.isEmpty {
            screen.put("Type your reply…", row: rect.top + 1, col: rect.left + 1, role: .dim, limit: width)
        }
        for i in 0..<visible where first + i < rows.count && !composer.editor.isEmpty {
            screen.put(rows[first + i], row: rect.top + 1 + i, col: rect.left + 1, role: .normal, limit: width)
        }
        if focused && state.overlay == .none && state.prompt == nil {
            screen.cursor = (rect.top + 1 + cursorRow - first, rect.left + 1 + cursorColumn)
        }
    }
}
