import Foundation
import Testing
import KefuCore
@testable import KefuConsole

@Suite("Help overlay scrolls when the keys do not fit")
struct HelpScrollTests {
    @Test("At 80x24 the last global keys are reached with j, and k comes back")
    func scrolls() {
        var state = ConsoleFixtures.state(rows: 24, cols: 80)
        _ = state.reduce(.key(.char("?")))
        #expect(!ConsoleView.render(state).text.contains("quit from anywhere"))
        for _ in 0..<40 { _ = state.reduce(.key(.char("j"))) }
        let bottom = ConsoleView.render(state).text
        #expect(bottom.contains("quit from anywhere"))
        #expect(bottom.contains("[on hold] [waiting]"))
        for _ in 0..<40 { _ = state.reduce(.key(.char("k"))) }
        #expect(state.helpScroll == 0)
        #expect(ConsoleView.render(state).text.contains("next ticket"))
    }
}
