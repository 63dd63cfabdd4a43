/// A key press as the console understands it, independent of ncurses key codes.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case ctrlLeft, ctrlRight
    case function(Int)

    /// How the key is written in help and hint texts: `j`, `Ctrl-S`, `Enter`, `↑`.
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .ctrlLeft: "Ctrl-←"
        case .ctrlRight: "Ctrl-→"
        case .function(let n): "F\(n)"
        }
    }

    /// Parses the names used in help and in the config file's key bindings.
    public init?(name: String) {
        switch name.lowercased() {
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "shift-tab", "backtab": self = .backTab
        case "space": self = .char(" ")
        case "backspace": self = .backspace
        case "del", "delete": self = .delete
        case "up", "↑": self = .up
        case "down", "↓": self = .down
        case "left", "←": self = .left
        case "right", "→": self = .right
        case "home": self = .home
        case "end": self = .end
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        default:
            let lower = name.lowercased()
            if lower.hasPrefix("ctrl-"), name.count == 6 {
                self = .ctrl(Character(String(name.last!).lowercased()))
            } else if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
                self = .function(n)
            } else if name.count == 1 {
                self = .char(name.first!)
            } else {
                return nil
            }
        }
    }
}
