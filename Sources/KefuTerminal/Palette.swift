import CNcursesw
import KefuConsole

/// Colours and attributes for style roles. Every role also reads without colour (reverse, bold,
/// and the text marks the views draw), so a monochrome terminal loses nothing.
enum Palette {
    private static let pairs: [StyleRole: (pair: Int16, fg: Int16, bg: Int16)] = [
        .overdue: (1, Int16(COLOR_RED), -1),
        .warning: (2, Int16(COLOR_YELLOW), -1),
        .onTrack: (3, Int16(COLOR_GREEN), -1),
        .customer: (4, Int16(COLOR_CYAN), -1),
        .agent: (5, Int16(COLOR_GREEN), -1),
        .note: (6, Int16(COLOR_MAGENTA), -1),
        .error: (7, Int16(COLOR_WHITE), Int16(COLOR_RED)),
        .flash: (8, Int16(COLOR_BLACK), Int16(COLOR_GREEN)),
        .header: (9, Int16(COLOR_BLUE), -1),
        .hintKey: (10, Int16(COLOR_YELLOW), -1),
        .match: (11, Int16(COLOR_YELLOW), -1),
    ]

    static func install() {
        for (_, entry) in pairs { init_pair(entry.pair, entry.fg, entry.bg) }
    }

    static func pair(_ role: StyleRole) -> Int16 {
        guard has_colors() else { return 0 }
        return pairs[role]?.pair ?? 0
    }

    static func attributes(_ role: StyleRole) -> Int32 {
        switch role {
        case .selected, .statusBar, .cursor: return kefu_a_reverse()
        case .selectedDim: return kefu_a_reverse() | kefu_a_dim()
        case .title, .header, .overdue, .customer, .agent, .flash, .error, .prompt, .hintKey: return kefu_a_bold()
        case .warning: return kefu_a_bold()
        case .dim, .border, .hint: return kefu_a_dim()
        case .normal, .onTrack, .note, .match: return 0
        }
    }
}
