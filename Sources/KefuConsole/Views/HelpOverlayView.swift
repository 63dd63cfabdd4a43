import KefuCore

/// `?`: every binding of the context it was opened from, generated from the key registry, plus
/// what the queue's marks mean.
enum HelpOverlayView {
    static func draw(_ state: AppState, context: KeyContext, on screen: inout ScreenBuffer) {
        let bindings = state.keyMap.help(for: context)
        let keyWidth = min(18, bindings.map { DisplayWidth.of($0.keyText) }.max() ?? 8)
        let legend = Self.legend + (roleLine(state.profile).map { [$0] } ?? [])
        let total = bindings.count + 1 + legend.count
        let box = OverlayBox.rect(rows: screen.rows - 2, cols: screen.cols, wantedHeight: total + 2, wantedWidth: 84)
        let inner = box.inset(1)
        let visible = max(1, inner.height)
        let first = min(max(0, state.helpScroll), max(0, total - visible))
        let more = total > visible ? "  j/k scroll \(first + 1)-\(min(total, first + visible))/\(total)" : ""
        OverlayBox.draw(title: "Keys — \(context.title)  (Esc or ? closes)\(more)", rect: box, on: &screen)
        for line in 0..<visible {
            let index = first + line, row = inner.top + line
            if index < bindings.count {
                let binding = bindings[index]
                let x = screen.put(DisplayWidth.fit(binding.keyText, to: keyWidth), row: row, col: inner.left + 1, role: .hintKey, limit: keyWidth)
                screen.put("  " + binding.summary, row: row, col: x, role: .normal, limit: inner.right - x)
            } else if index > bindings.count, index < total {
                screen.put(legend[index - bindings.count - 1], row: row, col: inner.left + 1, role: .dim, limit: inner.width - 1)
            }
        }
    }

    /// Who the team list says you are, when roles are configured.
    static func roleLine(_ profile: AgentProfile) -> String? {
        let name = TerminalSanitizer.oneLine(profile.name)
        switch profile.standing {
        case .noRoles: return nil
        case .lead: return "You: \(name), lead (may move anyone's tickets, correct outcomes)"
        case .agent: return "You: \(name), agent (others' tickets, batches, outcome edits: leads)"
        case .unlisted: return "You: \(name), not on the team list, so an agent"
        }
    }

    /// What the queue's marks mean, below the keys.
    static let legend = [
        "‼  overdue (countdown shown negative)",
        "!  due soon: under 1 hour or under 25% of the time left (on the clock's own time)",
        "*  the customer spoke last: the conversation needs the seller's last word",
        "[on hold] [waiting]  clocks that allow it are paused",
    ]
}

/// A framed box over the screen for overlays.
enum OverlayBox {
    static func rect(rows: Int, cols: Int, wantedHeight: Int, wantedWidth: Int) -> Rect {
        let height = min(max(5, wantedHeight), rows)
        let width = min(max(20, wantedWidth), cols)
        return Rect(top: max(0, (rows - height) / 2), left: max(0, (cols - width) / 2), height: height, width: width)
    }

    static func draw(title: String, rect: Rect, on screen: inout ScreenBuffer) {
        guard rect.height >= 2, rect.width >= 4 else { return }
        screen.fill(rect, role: .normal)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        screen.put("┌" + horizontal + "┐", row: rect.top, col: rect.left, role: .border)
        screen.put("└" + horizontal + "┘", row: rect.bottom - 1, col: rect.left, role: .border)
        for row in (rect.top + 1)..<(rect.bottom - 1) {
            screen.put("│", row: row, col: rect.left, role: .border)
            screen.put("│", row: row, col: rect.right - 1, role: .border)
        }
        screen.put(" " + title + " ", row: rect.top, col: rect.left + 2, role: .title, limit: rect.width - 4)
    }
}
