import KefuCore

/// The choice `T` or `E` offers when the order has several parcels or pieces of evidence: the
/// list on top, what the selected line inserts below it.
enum ProofPickerView {
    static func draw(_ state: AppState, on screen: inout ScreenBuffer) {
        guard let picker = state.proof.picker else { return }
        let wanted = picker.choices.count + 8
        let box = OverlayBox.rect(rows: screen.rows - 2, cols: screen.cols, wantedHeight: wanted, wantedWidth: screen.cols - 8)
        let title = switch picker.kind {
        case .tracking: "Insert tracking"
        case .evidence: "Insert evidence"
        case .dispute: "Dispute reply: which evidence"
        }
        OverlayBox.draw(title: "\(title) · Enter inserts · Esc closes", rect: box, on: &screen)
        let inner = box.inset(1)
        guard inner.height > 1, inner.width > 10 else { return }
        let listHeight = min(picker.choices.count, max(1, inner.height / 2))
        let first = max(0, min(picker.selected - listHeight / 2, picker.choices.count - listHeight))
        for row in 0..<listHeight {
            let index = first + row
            guard index < picker.choices.count else { break }
            let selected = index == picker.selected
            if selected { screen.fill(Rect(top: inner.top + row, left: inner.left, height: 1, width: inner.width), role: .selected) }
            screen.put(" " + picker.choices[index].title, row: inner.top + row, col: inner.left, role: selected ? .selected : .normal, limit: inner.width)
        }
        let previewTop = inner.top + listHeight + 1
        guard previewTop < inner.bottom else { return }
        screen.put("Inserts:", row: previewTop, col: inner.left + 1, role: .dim, limit: inner.width - 1)
        let preview = DisplayWidth.wrap(picker.choices[picker.selected].text, to: max(5, inner.width - 2))
        for (offset, line) in preview.prefix(max(0, inner.bottom - previewTop - 1)).enumerated() {
            screen.put(line, row: previewTop + 1 + offset, col: inner.left + 1, role: .normal, limit: inner.width - 1)
        }
    }
}
