/// Where each part of the console goes for a terminal size. A pure function of its inputs,
/// tested at 79/80/100/200 columns and at tiny sizes. From 160 columns a thread with a customer
/// has the profile beside it (`profileWidth`); the queue narrows so the thread keeps 72 columns.
///
/// - 100 columns or more: queue on the left, as wide as its columns need (69% of the screen, at
///   120 columns 16 characters of name and 40 of subject; at most `widestQueue`, so from 160
///   columns the thread gets all the rest), thread on the right, composer docked under the
///   thread and taller while it has focus. Under 160 columns the pane with focus is the wide
///   one: reading a thread, the queue narrows to 40% (`readingQueueWidth`).
/// - under 100: one pane at a time with full-width rows; Enter pushes the thread, Esc pops
///   back to the queue.
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
    /// The customer profile: from `profileBesideCols` beside the thread (right of it), narrower
    /// over the thread while opened with `i`; empty otherwise.
    public var profile: Rect = .empty
    /// The rule between the thread and a profile beside it.
    public var profileDivider: Int?

    /// Whether the thread has a customer to show, and whether `i` opened it.
    public enum ProfileDemand: Sendable, Hashable {
        case none
        case available
        case opened
    }

    public static let minimumRows = 8
    public static let minimumCols = 30
    /// Two panes from this width.
    public static let twoPaneCols = 100
    /// The queue pane never grows past this: customer 22, subject 56.
    public static let widestQueue = 104
    /// From this width the customer profile always shows beside the thread (issue 15). The
    /// thread keeps `threadBesideProfile` columns, enough for mail text and scam warnings, and
    /// grows to `threadBesideProfileWanted` before the queue (which matters less while a thread is
    /// read) grows back from `narrowestQueue` (at 160 columns: 10 characters of name, 20 of subject).
    public static let profileBesideCols = 160

    /// The profile's width beside the thread: 30 columns at 160, growing with the screen to 48.
    public static func profileWidth(cols: Int) -> Int {
        min(48, max(30, 30 + (cols - profileBesideCols) / 2))
    }
    /// What the thread keeps beside a profile at 160 columns: a mail line of 72 characters.
    public static let threadBesideProfile = 72
    /// What the thread gets beside a profile where the screen has room: a composed tracking
    /// line ("Sendungsnummer: … · Versanddienst: … · Sendung verfolgen: https://…") unwrapped.
    public static let threadBesideProfileWanted = 128
    /// The queue's least width beside a thread and a profile (what 160 columns leave it).
    public static let narrowestQueue = 56

    /// The queue pane's width beside the thread.
    public static func queueWidth(cols: Int) -> Int {
        min(widestQueue, cols * 69 / 100)
    }

    /// Under 160 columns, while the thread (or its composer or profile) has focus, the queue
    /// takes this share of the screen (at least `readingQueueLeast`) so the thread is wide
    /// enough to read: at 120 columns 48 to the queue and 71 to the thread, instead of 82 and 37.
    public static let readingQueueShare = 40
    public static let readingQueueLeast = 40

    /// The queue pane's width beside a thread that has focus (under `profileBesideCols`).
    public static func readingQueueWidth(cols: Int) -> Int {
        min(queueWidth(cols: cols), max(readingQueueLeast, cols * readingQueueShare / 100))
    }

    public static func compute(
        rows: Int, cols: Int, composerOpen: Bool, composerFocused: Bool, threadPushed: Bool, profile demand: ProfileDemand = .none,
        threadFocused: Bool = false
    ) -> Layout {
        guard rows >= minimumRows, cols >= minimumCols else {
            return Layout(mode: .tooSmall, queue: .empty, thread: .empty, composer: .empty,
                          statusBar: .empty, hintLine: Rect(top: max(0, rows - 1), left: 0, height: min(rows, 1), width: cols), divider: nil)
        }
        let mainHeight = rows - 2
        let status = Rect(top: rows - 2, left: 0, height: 1, width: cols)
        let hint = Rect(top: rows - 1, left: 0, height: 1, width: cols)
        let mode: Mode = cols >= twoPaneCols ? .twoPane : .onePane
        var queue = Rect.empty, right = Rect.empty
        var divider: Int?
        switch mode {
        case .twoPane:
            var queueWidth = queueWidth(cols: cols)
            if threadFocused, cols < profileBesideCols { queueWidth = readingQueueWidth(cols: cols) }
            if demand != .none, cols >= profileBesideCols {
                // The thread grows to what it wants before the queue grows back.
                let room = cols - profileWidth(cols: cols) - 1 - threadBesideProfileWanted - 1
                queueWidth = min(queueWidth, max(narrowestQueue, room))
            }
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
        var profile = Rect.empty
        var profileDivider: Int?
        if demand != .none, !right.isEmpty, cols >= profileBesideCols {
            let width = profileWidth(cols: cols)
            profile = Rect(top: right.top, left: right.right - width, height: right.height, width: width)
            profileDivider = profile.left - 1
            right = Rect(top: right.top, left: right.left, height: right.height, width: right.width - width - 1)
        }
        var thread = right
        var composer = Rect.empty
        if composerOpen, !right.isEmpty {
            let wanted = composerFocused ? max(8, right.height * 45 / 100) : 6
            let height = min(wanted, max(3, right.height - 3))
            thread = Rect(top: right.top, left: right.left, height: right.height - height, width: right.width)
            composer = Rect(top: thread.bottom, left: right.left, height: height, width: right.width)
        }
        // Under 160 columns an opened profile takes the thread's place, above the composer.
        if demand == .opened, cols < profileBesideCols, !thread.isEmpty { profile = thread }
        var layout = Layout(mode: mode, queue: queue, thread: thread, composer: composer, statusBar: status, hintLine: hint, divider: divider)
        layout.profile = profile
        layout.profileDivider = profileDivider
        return layout
    }
}
