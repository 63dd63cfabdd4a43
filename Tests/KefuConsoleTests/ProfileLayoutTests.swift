import Testing
@testable import KefuConsole

@Suite("Layout: the customer profile beside the thread from 160 columns, over it when opened below")
struct ProfileLayoutTests {
    func layout(cols: Int, rows: Int = 40, demand: Layout.ProfileDemand, composer: Bool = false, pushed: Bool = false) -> Layout {
        Layout.compute(rows: rows, cols: cols, composerOpen: composer, composerFocused: composer, threadPushed: pushed, profile: demand)
    }

    @Test("From 160 columns the profile always sits right of the thread, with a rule between")
    func beside() {
        for cols in [160, 200, 250, 300] {
            let wide = layout(cols: cols, demand: .available)
            #expect(!wide.profile.isEmpty)
            #expect(wide.profile.right == cols)
            #expect(wide.profileDivider == wide.thread.right)
            // The thread keeps at least its 72 columns; the queue gives up what the profile takes.
            #expect(wide.thread.width >= Layout.threadBesideProfile)
            #expect(wide.profile.width == Layout.profileWidth(cols: cols))
            #expect(wide.queue.width + 1 + wide.thread.width + 1 + wide.profile.width == cols)
            #expect(layout(cols: cols, demand: .opened) == wide)
        }
        // At 160 exactly: profile 30, thread 72, the queue the 56 left.
        let narrowest = layout(cols: 160, demand: .available)
        #expect(narrowest.profile.width == 30 && narrowest.thread.width == 72 && narrowest.queue.width == 56)
        // Wider, the thread grows to an unwrapped tracking line before the queue grows back.
        #expect(layout(cols: 200, demand: .available).queue.width == Layout.narrowestQueue)
        #expect(layout(cols: 240, demand: .available).thread.width == Layout.threadBesideProfileWanted)
    }

    @Test("Under 160 columns the profile shows only when opened, in the thread's place above the composer")
    func over() {
        for cols in [80, 100, 120, 140, 159] {
            #expect(layout(cols: cols, demand: .available, pushed: true).profile.isEmpty)
            let opened = layout(cols: cols, demand: .opened, composer: true, pushed: true)
            #expect(opened.profile == opened.thread)
            #expect(opened.profileDivider == nil)
            #expect(opened.composer.top == opened.profile.bottom)
        }
    }

    @Test("No customer: the layout is as before at every width")
    func none() {
        for cols in [79, 80, 100, 160, 200] {
            let plain = Layout.compute(rows: 24, cols: cols, composerOpen: false, composerFocused: false, threadPushed: false)
            #expect(plain.profile.isEmpty)
            #expect(plain == layout(cols: cols, rows: 24, demand: .none))
        }
    }
}
