import Testing
@testable import KefuConsole

@Suite("Layout at every width")
struct LayoutTests {
    @Test("Two panes from 80 columns, the queue about 35% from 100")
    func widths() {
        let wide = Layout.compute(rows: 40, cols: 200, composerOpen: false, composerFocused: false, threadPushed: false)
        #expect(wide.mode == .twoPane)
        #expect(wide.queue.width == 70)
        #expect(wide.thread.left == 71)
        #expect(wide.thread.right == 200)
        let hundred = Layout.compute(rows: 40, cols: 100, composerOpen: false, composerFocused: false, threadPushed: false)
        #expect(hundred.queue.width == 35)
        let eighty = Layout.compute(rows: 24, cols: 80, composerOpen: false, composerFocused: false, threadPushed: false)
        #expect(eighty.mode == .twoPane)
        #expect(eighty.queue.width == 30)
        #expect(eighty.queue.width < hundred.queue.width + 1)
        let narrow = Layout.compute(rows: 24, cols: 79, composerOpen: false, composerFocused: false, threadPushed: false)
        #expect(narrow.mode == .onePane)
        #expect(narrow.queue.width == 79)
        #expect(narrow.thread.isEmpty)
    }

    @Test("Under 80 columns Enter pushes the thread over the queue")
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
        for (rows, cols) in [(24, 80), (40, 120), (8, 30), (100, 300)] {
            let layout = Layout.compute(rows: rows, cols: cols, composerOpen: false, composerFocused: false, threadPushed: false)
            #expect(layout.statusBar.top == rows - 2)
            #expect(layout.hintLine.top == rows - 1)
        }
        #expect(Layout.compute(rows: 5, cols: 20, composerOpen: false, composerFocused: false, threadPushed: false).mode == .tooSmall)
        #expect(Layout.compute(rows: 0, cols: 0, composerOpen: false, composerFocused: false, threadPushed: false).mode == .tooSmall)
    }
}
