import Foundation
import Glibc
import Testing
import KefuConsole
@testable import KefuTerminal

/// A real ncurses screen (`newterm` writing to /dev/null, as tig's tests do): present a buffer,
/// read the cells back from ncurses.
@Suite("ncurses round trip", .serialized)
struct NcursesTerminalTests {
    @Test("Presented cells, wide and combining included, are what ncurses holds")
    func roundTrip() throws {
        guard let output = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
            Issue.record("cannot open /dev/null")
            return
        }
        defer { fclose(output); fclose(input) }
        setenv("LINES", "6", 1)
        setenv("COLUMNS", "30", 1)
        // The size is for this screen only: programs the other tests start must not inherit it.
        defer {
            unsetenv("LINES")
            unsetenv("COLUMNS")
        }
        let terminal = try NcursesTerminal(termType: "xterm-256color", output: output, input: input)
        defer { terminal.stop() }
        #expect(terminal.size.rows == 6)
        #expect(terminal.size.cols == 30)
        var screen = ScreenBuffer(rows: 6, cols: 30)
        screen.put("Queue 佐藤 花子 🙂", row: 0, col: 0, role: .header)
        screen.put("Zoe\u{301} -0h04m OVERDUE", row: 1, col: 0, role: .overdue)
        screen.put("x\u{1B}]52;c;aGk=\u{07}y", row: 2, col: 0, role: .normal)
        terminal.present(screen, full: true)
        #expect(terminal.cellText(row: 0, col: 0) == "Q")
        #expect(terminal.cellText(row: 0, col: 6) == "佐")
        #expect(terminal.cellText(row: 0, col: 8) == "藤")
        #expect(terminal.cellText(row: 0, col: 13) == "子")
        #expect(terminal.cellText(row: 0, col: 16) == "🙂")
        #expect(terminal.cellText(row: 1, col: 2) == "e\u{301}")
        #expect(terminal.cellText(row: 2, col: 1) == "\u{FFFD}")
        #expect(terminal.cellText(row: 2, col: 2) == "y")
        // Only changed cells are written on the next present; the screen ends up equal either way.
        var next = screen
        next.put("Queue 王小明", row: 0, col: 0, role: .header)
        terminal.present(next, full: false)
        #expect(terminal.cellText(row: 0, col: 6) == "王")
        #expect(terminal.cellText(row: 1, col: 0) == "Z")
        // The bottom-right cell can be written without scrolling the screen away.
        var corner = next
        corner.put("END", row: 5, col: 27, role: .statusBar)
        terminal.present(corner, full: false)
        #expect(terminal.cellText(row: 5, col: 29) == "D")
        #expect(terminal.cellText(row: 0, col: 0) == "Q")
    }

    @Test("Without colour (NO_COLOR) no cell gets a colour pair; the text and attributes stay")
    func noColor() throws {
        guard let output = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
            Issue.record("cannot open /dev/null")
            return
        }
        defer { fclose(output); fclose(input) }
        setenv("LINES", "4", 1)
        setenv("COLUMNS", "30", 1)
        defer {
            unsetenv("LINES")
            unsetenv("COLUMNS")
        }
        var screen = ScreenBuffer(rows: 4, cols: 30)
        screen.put("‼-1h05m OVERDUE", row: 0, col: 0, role: .overdue)
        for colors in [true, false] {
            let terminal = try NcursesTerminal(termType: "xterm-256color", output: output, input: input, colors: colors)
            terminal.present(screen, full: true)
            #expect(terminal.cellText(row: 0, col: 0) == "‼")
            #expect(terminal.cellText(row: 0, col: 8) == "O")
            // Bold stays either way; the red pair only with colour.
            #expect(terminal.cellAttributes(row: 0, col: 0) != 0)
            #expect((terminal.cellColorPair(row: 0, col: 0) != 0) == colors)
            terminal.stop()
        }
    }
}
