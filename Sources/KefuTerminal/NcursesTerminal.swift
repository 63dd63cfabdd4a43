import CNcursesw
import Foundation
import KefuConsole

/// The only ncurses code in Kefu. It starts and stops the terminal, reports keys and resizes,
/// and presents ScreenBuffers by writing only the cells that changed, then one `doupdate`.
/// It decides nothing: every meaning lives in KefuConsole.
public final class NcursesTerminal: TerminalDevice {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: ScreenBuffer?
    private var stopped = false
    private let outputFile: UnsafeMutablePointer<FILE>?
    private let inputFile: UnsafeMutablePointer<FILE>?

    /// False: no colour at all (`NO_COLOR`); attributes and the views' text marks remain.
    private let colors: Bool

    /// Starts ncurses on the process's terminal (`nil`) or on the given output/input files
    /// (tests point output at /dev/null, as tig does). `colors: false` draws without colour, as
    /// https://no-color.org asks when `NO_COLOR` is set (the caller decides; this draws).
    public init(
        termType: String? = nil, output: UnsafeMutablePointer<FILE>? = nil, input: UnsafeMutablePointer<FILE>? = nil, colors: Bool = true
    ) throws {
        self.colors = colors
        setlocale(LC_ALL, "")
        outputFile = output
        inputFile = input
        guard let created = newterm(termType, output ?? kefu_stdout(), input ?? kefu_stdin()) else {
            throw TerminalError(message: "cannot start the terminal (is TERM set to a known terminal type?)")
        }
        screen = created
        set_term(screen)
        guard let main = kefu_stdscr() else { throw TerminalError(message: "ncurses gave no main window") }
        window = main
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        if colors, has_colors() {
            start_color()
            use_default_colors()
            Palette.install()
        }
    }

    deinit { stop() }

    /// Restores the terminal. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        endwin()
        delscreen(screen)
    }

    /// Hands the terminal to another program (an editor) while `body` runs: ncurses leaves
    /// (the terminal back in its normal mode), then returns, and the next present redraws all.
    public func suspend<T>(_ body: () throws -> T) rethrows -> T {
        def_prog_mode()
        endwin()
        defer {
            reset_prog_mode()
            previous = nil
            wrefresh(window)
        }
        return try body()
    }

    public var size: (rows: Int, cols: Int) {
        (Int(kefu_getmaxy(window)), Int(kefu_getmaxx(window)))
    }

    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        wtimeout(window, Int32(timeoutMilliseconds))
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == kefu_err() { return nil }
        if result == kefu_key_code_yes() {
            if Int32(value) == kefu_key_resize() {
                previous = nil
                return .resize(rows: size.rows, cols: size.cols)
            }
            return KeyDecoder.special(Int32(value)).map(TerminalEvent.key)
        }
        return KeyDecoder.character(UInt32(value)).map(TerminalEvent.key)
    }

    public func present(_ buffer: ScreenBuffer, full: Bool) {
        let fresh = full || previous == nil || previous!.rows != buffer.rows || previous!.cols != buffer.cols
        if fresh { werase(window) }
        if full { clearok(window, true) }
        var text = [wchar_t](repeating: 0, count: 8)
        for row in 0..<buffer.rows {
            for col in 0..<buffer.cols {
                let cell = buffer[row, col]
                guard cell.width > 0 else { continue }
                if !fresh, let old = previous, old[row, col] == cell,
                   cell.width == 1 || old[row, col + 1] == buffer[row, col + 1] {
                    continue
                }
                var count = 0
                for scalar in cell.text.unicodeScalars where count < 5 {
                    text[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                text[count] = 0
                // The bottom-right cell cannot be written without scrolling on some terminals.
                if row == buffer.rows - 1 && col + Int(cell.width) >= buffer.cols {
                    _ = text.withUnsafeBufferPointer { kefu_put_cell_insert(window, Int32(row), Int32(col), $0.baseAddress, Palette.attributes(cell.role), colors ? Palette.pair(cell.role) : 0) }
                } else {
                    _ = text.withUnsafeBufferPointer { kefu_put_cell(window, Int32(row), Int32(col), $0.baseAddress, Palette.attributes(cell.role), colors ? Palette.pair(cell.role) : 0) }
                }
            }
        }
        if let cursor = buffer.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.col))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        previous = buffer
    }

    /// The text ncurses holds for one cell (tests read the screen back through this).
    public func cellText(row: Int, col: Int) -> String {
        var out = [wchar_t](repeating: 0, count: 8)
        _ = out.withUnsafeMutableBufferPointer { kefu_read_cell(window, Int32(row), Int32(col), $0.baseAddress, 8) }
        return String(String.UnicodeScalarView(out.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
    }

    /// The colour pair ncurses holds for one cell (0: none).
    public func cellColorPair(row: Int, col: Int) -> Int {
        Int(kefu_read_cell_pair(window, Int32(row), Int32(col)))
    }

    /// The attributes ncurses holds for one cell, colour aside.
    public func cellAttributes(row: Int, col: Int) -> Int32 {
        kefu_read_cell_attrs(window, Int32(row), Int32(col))
    }
}

public struct TerminalError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
