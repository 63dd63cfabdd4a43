import KefuCore

/// Where the composer's parts go in its rectangle, shared by the view (which draws it) and the
/// reducer (which keeps `scrollTop` so the cursor stays in view):
///
/// ```
///  Reply to Mason Lee · editing · Ctrl-S send …      title
///     ↑ 3 more lines                                 when text is hidden above
///   3 Thank you for your message…                    text, line numbers in the margin
///   4 …                                              while the checks name lines
///     ↓ 2 more lines                                 when text is hidden below
///  ✖ line 1, col 6: the greeting names “渡辺 健”,    findings, wrapped in full
///    but this reply goes to Mason Lee — …            (at most half the pane)
///  attach: EV-2F9A                                   Ctrl-O's marker
/// ```
struct ComposerGeometry {
    /// Wrapped text rows, their text line (0-based), and the cursor among them.
    let rows: [String]
    let lineOfRow: [Int]
    let cursorRow: Int
    let cursorColumn: Int
    /// Width of the line-number margin (0 without findings).
    let margin: Int
    let textWidth: Int
    /// Rows of the text area (marks included).
    let textHeight: Int
    /// First wrapped row shown, and how many are shown.
    let top: Int
    let shown: Int
    let hiddenAbove: Int
    let hiddenBelow: Int
    /// The findings as wrapped lines (with each line's finding), and how many of them fit.
    let findingLines: [(text: String, finding: ReplyFinding)]
    let findingsOverflow: Int
    let attachLine: Bool

    init(_ composer: ComposerState, in rect: Rect) {
        let inner = max(1, rect.width - 1)
        let body = max(0, rect.height - 1)
        // Findings first: each wrapped in full; at most half the pane, the rest counted.
        var wrappedFindings: [[(text: String, finding: ReplyFinding)]] = []
        for finding in composer.findings {
            let mark = finding.isBlocking ? "✖ " : "⚠ "
            let text = mark + "\(finding.location.short): \(finding.message) — \(finding.fix)"
            let lines = DisplayWidth.wrap(text, to: max(5, inner - 1))
            wrappedFindings.append(lines.enumerated().map { index, line in (index == 0 ? line : "  " + line, finding) })
        }
        let findingRoom = composer.findings.isEmpty ? 0 : max(1, body / 2)
        // Whole findings only; what does not fit is counted (Ctrl-R lists them). The first is
        // shown even when it must be cut, so the reason a send stopped is always on screen.
        var kept: [(text: String, finding: ReplyFinding)] = []
        var shownFindings = 0
        for (index, lines) in wrappedFindings.enumerated() {
            let left = wrappedFindings.count - index - 1
            let room = findingRoom - (left > 0 ? 1 : 0)
            if kept.count + lines.count <= room {
                kept += lines
                shownFindings += 1
            } else {
                if index == 0 { kept = Array(lines.prefix(max(1, findingRoom - 1))); shownFindings = 1 }
                break
            }
        }
        findingLines = kept
        findingsOverflow = composer.findings.count - shownFindings
        let findingRows = findingLines.count + (findingsOverflow > 0 ? 1 : 0)
        attachLine = composer.attachEvidence && composer.mode == .reply && body - findingRows > 1
        textHeight = max(0, body - findingRows - (attachLine ? 1 : 0))

        let lineCount = composer.editor.lines.count
        margin = composer.findings.isEmpty ? 0 : String(lineCount).count + 1
        textWidth = max(2, inner - margin)
        let wrapped = composer.editor.wrappedRows(width: textWidth)
        rows = wrapped.rows
        lineOfRow = wrapped.lineOfRow
        cursorRow = wrapped.cursorRow
        cursorColumn = wrapped.cursorColumn

        // Scrolling: keep the stored top unless the cursor left the window; marks take a row each.
        let count = wrapped.rows.count, height = textHeight, cursor = wrapped.cursorRow
        func window(_ top: Int) -> Range<Int> {
            guard count > height, height >= 3 else { return top..<(top + height) }
            var room = height - (top > 0 ? 1 : 0)
            if top + room < count { room -= 1 }
            return top..<(top + max(1, room))
        }
        var first = min(max(0, composer.scrollTop), max(0, count - 1))
        if count <= height { first = 0 }
        if cursor < first { first = cursor }
        while first < cursor, !window(first).contains(cursor) { first += 1 }
        // No empty rows at the bottom while text is hidden above.
        while first > 0, window(first - 1).upperBound >= count, window(first - 1).contains(cursor) { first -= 1 }
        let final = window(first)
        top = first
        shown = min(final.count, max(0, count - first))
        hiddenAbove = first
        hiddenBelow = max(0, count - first - shown)
    }

    /// Plural-aware mark text: "↑ 1 more line", "↓ 3 more lines".
    static func mark(_ arrow: String, _ count: Int) -> String {
        "\(arrow) \(count) more line\(count == 1 ? "" : "s")"
    }
}
