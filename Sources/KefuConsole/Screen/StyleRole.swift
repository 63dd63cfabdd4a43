/// What a cell means, not how it looks: the terminal maps roles to colours and attributes, and
/// tests assert on roles. Deadline states have roles *and* their own text, never colour alone.
public enum StyleRole: UInt8, Sendable, Hashable, CaseIterable {
    case normal
    case dim
    case title
    case header
    case selected
    case selectedDim
    case border
    case overdue
    case warning
    case onTrack
    case customer
    case agent
    case note
    case statusBar
    case hint
    case hintKey
    case prompt
    case flash
    case error
    case cursor
    case match

    /// One letter per role for text snapshots of a ScreenBuffer.
    public var code: Character {
        switch self {
        case .normal: "."
        case .dim: "d"
        case .title: "T"
        case .header: "H"
        case .selected: "S"
        case .selectedDim: "s"
        case .border: "|"
        case .overdue: "O"
        case .warning: "W"
        case .onTrack: "o"
        case .customer: "C"
        case .agent: "A"
        case .note: "N"
        case .statusBar: "B"
        case .hint: "h"
        case .hintKey: "k"
        case .prompt: "P"
        case .flash: "F"
        case .error: "E"
        case .cursor: "#"
        case .match: "m"
        }
    }
}
