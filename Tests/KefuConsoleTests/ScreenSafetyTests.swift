import Testing
import KefuCore
@testable import KefuConsole

@Suite("What reaches the screen")
struct ScreenSafetyTests {
    @Test("No cell of a rendered screen holds a control character, at any size")
    func noControls() {
        for (rows, cols) in [(24, 80), (40, 120), (24, 70), (10, 30), (60, 200)] {
            var state = ConsoleFixtures.state(rows: rows, cols: cols)
            for _ in 0..<6 {
                let screen = ConsoleView.render(state)
                for cell in screen.cells {
                    for scalar in cell.text.unicodeScalars {
                        let v = scalar.value
                        #expect(!(v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)), "control U+\(String(v, radix: 16)) at \(rows)x\(cols)")
                        #expect(!((0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)))
                    }
                }
                #expect(!screen.contains("pwned"))
                #expect(!screen.contains("cGF5bG9hZA"))
                _ = state.reduce(.key(.char("j")))
            }
        }
    }

    @Test("Wide characters never hang over the edge of a pane")
    func wideAtEdges() {
        var screen = ScreenBuffer(rows: 1, cols: 5)
        let end = screen.put("日本語", row: 0, col: 0, role: .normal)
        #expect(end == 5)
        #expect(screen.text(row: 0) == "日本 ")
        screen.put("ab日", row: 0, col: 0, role: .normal, limit: 3)
        // The 日 that did not fit became a space, and the half of 本 it cut was blanked too.
        #expect(screen.text(row: 0) == "ab   ")
        #expect(screen[0, 3].width == 1)
        #expect(screen[0, 2].width == 1)
    }

    @Test("Combining marks stay in their base character's cell")
    func combining() {
        var screen = ScreenBuffer(rows: 1, cols: 4)
        screen.put("e\u{301}x", row: 0, col: 0, role: .normal)
        #expect(screen[0, 0].text == "e\u{301}")
        #expect(screen[0, 1].text == "x")
    }
}
