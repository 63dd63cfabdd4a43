import KefuCore

/// The template picker: the search line, the matching templates grouped by stage, and a live
/// preview filled from the ticket exactly as it will be inserted.
enum PickerOverlayView {
    static func draw(_ state: AppState, on screen: inout ScreenBuffer) {
        guard let picker = state.picker else { return }
        let box = OverlayBox.rect(rows: screen.rows - 2, cols: screen.cols, wantedHeight: screen.rows - 4, wantedWidth: screen.cols - 4)
        let stage = picker.stage?.title ?? "all stages"
        let language = picker.selectedTemplate.map { $0.body(for: picker.language).language } ?? (picker.language ?? "en")
        OverlayBox.draw(title: "Templates · \(stage) · language \(language)", rect: box, on: &screen)
        let inner = box.inset(1)
        guard inner.height > 2, inner.width > 10 else { return }
        let x = screen.put(" Search: ", row: inner.top, col: inner.left, role: .prompt)
        let end = screen.put(picker.query, row: inner.top, col: x, role: .normal, limit: inner.right - x)
        screen.cursor = (inner.top, min(end, inner.right - 1))
        screen.put("\(picker.results.count) found", row: inner.top, col: max(end + 2, inner.right - 10), role: .dim, limit: 10)

        let sideBySide = inner.width >= 70
        let listRect = sideBySide
            ? Rect(top: inner.top + 2, left: inner.left, height: inner.height - 2, width: inner.width * 2 / 5)
            : Rect(top: inner.top + 2, left: inner.left, height: (inner.height - 2) / 2, width: inner.width)
        let previewRect = sideBySide
            ? Rect(top: inner.top + 2, left: listRect.right + 1, height: inner.height - 2, width: inner.width - listRect.width - 1)
            : Rect(top: listRect.bottom, left: inner.left, height: inner.height - 2 - listRect.height, width: inner.width)

        // The list, with a stage heading wherever the stage changes.
        var lines: [(text: String, role: StyleRole, index: Int?)] = []
        var lastStage: TemplateStage?
        for (i, template) in picker.results.enumerated() {
            if picker.query.isEmpty, template.stage != lastStage {
                lines.append((template.stage.title, .header, nil))
                lastStage = template.stage
            }
            // The selection is marked in text as well as by its colour.
            let mark = i == picker.selected ? "▸ " : "  "
            lines.append((mark + template.title, i == picker.selected ? .selected : .normal, i))
        }
        if lines.isEmpty { lines.append(("  No template matches.", .dim, nil)) }
        let selectedLine = lines.firstIndex { $0.index == picker.selected } ?? 0
        let first = max(0, min(selectedLine - listRect.height / 2, lines.count - listRect.height))
        for row in 0..<listRect.height {
            let i = first + row
            guard i < lines.count else { break }
            if lines[i].role == .selected { screen.fill(Rect(top: listRect.top + row, left: listRect.left, height: 1, width: listRect.width), role: .selected) }
            // A title cut by the preview's column ends in "…", so it does not read as whole.
            screen.put(DisplayWidth.truncate(lines[i].text, to: listRect.width - 1), row: listRect.top + row,
                       col: listRect.left, role: lines[i].role, limit: listRect.width)
        }
        // The preview, rendered with the ticket's values.
        guard let template = picker.selectedTemplate, previewRect.height > 0 else { return }
        let preview = state.renderedPreview(template, language: picker.language)
        var previewLines = ["Preview — \(template.situation)"]
        previewLines += DisplayWidth.wrap(preview, to: max(5, previewRect.width - 1))
        for (row, line) in previewLines.prefix(previewRect.height).enumerated() {
            screen.put(line, row: previewRect.top + row, col: previewRect.left, role: row == 0 ? .dim : .normal, limit: previewRect.width)
        }
    }
}
