/// Where each part of the console goes for a terminal size. A pure function of its inputs,
/// tested at 79/80/100/200 columns and at tiny sizes.
///
/// - 100 columns or more: queue on the left (about 35%), thread on the right, composer docked
///   under the thread and taller while it has focus.
/// - 80–99: the same with a narrower queue.
/// - under 80: one pane at a time; Enter pushes the thread, Esc pops back to the queue.
/// - The last two rows are always the status bar and the hint line.
public struct Layout: Sendable, Hashable {
    public enum Mode: Sendable, Hashable {
        case twoPane
        case onePane
        /// Too small to draw anything useful; a one-line message says so.
        case tooSmall
    }

    public var mode: Mode
    public var queue: Rect
    public var thread: Rect
    public var composer: Rect
    public var statusBar: Rect
    public var hintLine: Rect
    /// The column of the vertical rule between the panes, when there is one.
    public var divider: Int?

    public static let minimumRows = 8
    public static let minimumCols = 30

    public static func compute(
        rows: Int, cols: Int, composerOpen: Bool, composerFocused: Bool, threadPushed: Bool
    ) -> Layout {
        guard rows >= minimumRows, cols >= minimumCols else {
            return Layout(mode: .tooSmall, queue: .empty, thread: .empty, composer: .empty,
                          statusBar: .empty, hintLine: Rect(top: max(0, rows - 1), left: 0, height: min(rows, 1), width: cols), divider: nil)
        }
        let mainHeight = rows - 2
        let status = Rect(top: rows - 2, left: 0, height: 1, width: cols)
        let hint = Rect(top: rows - 1, left: 0, height: 1, width: cols)
        let mode: Mode = cols >= 80 ? .twoPane : .onePane
        var queue = Rect.empty, right = Rect.empty
        var divider: Int?
        switch mode {
        case .twoPane:
            let queueWidth = cols >= 100 ? max(34, cols * 35 / 100) : max(30, cols * 38 / 100)
            queue = Rect(top: 0, left: 0, height: mainHeight, width: queueWidth)
            divider = queueWidth
            right = Rect(top: 0, left: queueWidth + 1, height: mainHeight, width: cols - queueWidth - 1)
        case .onePane:
            if threadPushed || composerOpen {
                right = Rect(top: 0, left: 0, height: mainHeight, width: cols)
            } else {
                queue = Rect(top: 0, left: 0, height: mainHeight, width: cols)
            }
        case .tooSmall:
            break
        }
        var thread = right
        var composer = Rect.empty
        if composerOpen, !right.isEmpty {
            let wanted = composerFocused ? max(8, right.height * 45 / 100) : 6
            let height = min(wanted, max(3, right.height - 3))
            thread = Rect(top: right.top, left: right.left, height: right.height - height, width: right.width)
            composer = Rect(top: thread.bottom, left: right.left, height: height, width: right.width)
        }
        return Layout(mode: mode, queue: queue, thread: thread, composer: composer, statusBar: status, hintLine: hint, divider: divider)
    }
}
