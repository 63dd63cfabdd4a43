import KefuCore

/// Draws the whole console for a state. Only visible rows are formatted.
public enum ConsoleView {
    public static func render(_ state: AppState) -> ScreenBuffer {
        var screen = ScreenBuffer(rows: state.rows, cols: state.cols)
        let layout = state.layout
        if layout.mode == .tooSmall {
            screen.put("Kefu needs at least \(Layout.minimumCols)x\(Layout.minimumRows)", row: max(0, state.rows - 1), col: 0, role: .error)
            return screen
        }
        if state.dashboard != nil {
            DashboardView.draw(state, in: Rect(top: 0, left: 0, height: max(0, state.rows - 2), width: state.cols), on: &screen)
        } else {
            QueuePaneView.draw(state, in: layout.queue, on: &screen)
            if let divider = layout.divider {
                for row in 0..<(state.rows - 2) { screen.put("│", row: row, col: divider, role: .border) }
            }
            ThreadPaneView.draw(state, in: layout.thread, on: &screen)
            if let divider = layout.profileDivider {
                for row in layout.profile.top..<layout.profile.bottom { screen.put("│", row: row, col: divider, role: .border) }
            }
            CustomerProfileView.draw(state, in: layout.profile, on: &screen)
            ComposerView.draw(state, in: layout.composer, on: &screen)
        }
        StatusBarView.draw(state, in: layout.statusBar, on: &screen)
        HintLineView.draw(state, in: layout.hintLine, on: &screen)
        switch state.overlay {
        case .help(let context): HelpOverlayView.draw(state, context: context, on: &screen)
        case .picker: PickerOverlayView.draw(state, on: &screen)
        case .proofPicker: ProofPickerView.draw(state, on: &screen)
        case .findings: FindingsOverlayView.draw(state, on: &screen)
        case .none: break
        }
        if state.outcomePrompt != nil { OutcomePromptView.draw(state, on: &screen) }
        return screen
    }
}
