/// What the console loop needs from a terminal: events in, screens out. The ncurses terminal
/// implements it; tests drive the loop with their own.
public protocol TerminalDevice: AnyObject {
    /// The terminal's size now (rows, columns).
    var size: (rows: Int, cols: Int) { get }
    /// The next key or resize, waiting at most `timeoutMilliseconds` (0: don't wait).
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
    /// Shows a screen; only cells that changed since the last call are sent, unless `full`.
    func present(_ screen: ScreenBuffer, full: Bool)
}

public enum TerminalEvent: Sendable, Hashable {
    case key(Key)
    case resize(rows: Int, cols: Int)
}
