import Testing
@testable import KefuConsole

@Suite("Layout at every width")
struct LayoutTests {
    @Test("Two panes from 100 columns; the queue as wide as its columns need, the thread the rest from 160")
    func widths() {
        let wide = Layout.compute(rows: 40, cols: 200, composerOpen: false, composerFocused: false, threadPushed: false)
        #expect(wide.mode == .twoPane)
        #expect(wide.queue.width == Layout.widestQueue)
        #expect(wide.thread.left == Layout.widestQueue + 1)
        #expect(wide.thread.right == 200)
        let sixty = Layout.compute(rows: 40, cols: 160, composerOpen: false, composerFocused: false, threadPushed: false)
        #expect(sixty.queue.width == Layout.widestQueue)
        #expect(sixty.thread.width == 160 - Layout.widestQueue - 1)
        // At 120 columns: at least 16 characters of the customer and 40 of the subject.
        let twenty = Layout.compute(rows: 40, cols: 120, composerOpen: false, composerFocused: false, threadPushed: false)
        let columns = QueueColumns(width: twenty.queue.width)
        #expect(columns.name >= 16)
        #expect(columns.subject >= 40)
        #expect(QueueColumns.fixedWidth + 2 + columns.name + columns.subject == twenty.queue.width)
        let hundred = Layout.compute(rows: 40, cols: 100, composerOpen: false, composerFocused: false, threadPushed: false)
        #expect(hundred.mode == .twoPane)
        #expect(hundred.queue.width == 69)
        for cols in [99, 80, 70] {
            let narrow = Layout.compute(rows: 24, cols: cols, composerOpen: false, composerFocused: false, threadPushed: false)
            #expect(narrow.mode == .onePane)
            #expect(narrow.queue.width == cols)
            #expect(narrow.thread.isEmpty)
        }
    }

    @Test("Under 160 columns the pane with focus is the wide one: reading a thread, the queue narrows to 40%")
    func readingWidths() {
        for (cols, queue) in [(100, 40), (120, 48), (140, 56), (159, 63)] {
            let reading = Layout.compute(rows: 40, cols: cols, composerOpen: false, composerFocused: false, threadPushed: false, threadFocused: true)
            #expect(reading.queue.width == queue, "\(cols) columns")
            #expect(reading.queue.width + 1 + reading.thread.width == cols)
            let browsing = Layout.compute(rows: 40, cols: cols, composerOpen: false, composerFocused: false, threadPushed: false)
            #expect(browsing.thread.width < reading.thread.width)
        }
        // From 160 the thread has its room either way.
        for cols in [160, 200] {
            #expect(Layout.compute(rows: 40, cols: cols, composerOpen: false, composerFocused: false, threadPushed: false, threadFocused: true)
                    == Layout.compute(rows: 40, cols: cols, composerOpen: false, composerFocused: false, threadPushed: false))
        }
    }

    @Test("Under 100 columns Enter pushes the thread over the queue")
    func onePane() {
        let pushed = Layout.compute(rows: 24, cols: 70, composerOpen: false, composerFocused: false, threadPushed: true)
        #expect(pushed.queue.isEmpty)
        #expect(pushed.thread.width == 70)
    }

    @Test("The composer docks under the thread and grows when focused")
    func composer() {
        let docked = Layout.compute(rows: 40, cols: 120, composerOpen: true, composerFocused: false, threadPushed: false)
        let focused = Layout.compute(rows: 40, cols: 120, composerOpen: true, composerFocused: true, threadPushed: false)
        #expect(docked.composer.top == docked.thread.bottom)
        #expect(docked.composer.left == docked.thread.left)
        #expect(focused.composer.height > docked.composer.height)
        #expect(focused.composer.bottom == 38)
    }

    @Test("The status bar and hint line are always the last two rows; tiny sizes say so")
    func bars() {
        for (rows, cols) in [(24, 80), (24, 99), (40, 120), (8, 30), (100, 300)] {
            let layout = Layout.compute(rows: rows, cols: cols, composerOpen: false, composerFocused: false, threadPushed: false)
            #expect(layout.statusBar.top == rows - 2)
            #expect(layout.hintLine.top == rows - 1)
        }
        #expect(Layout.compute(rows: 5, cols: 20, composerOpen: false, composerFocused: false, threadPushed: false).mode == .tooSmall)
        #expect(Layout.compute(rows: 0, cols: 0, composerOpen: false, composerFocused: false, threadPushed: false).mode == .tooSmall)
    }
}
