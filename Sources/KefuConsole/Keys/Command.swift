/// Everything a key can do. Keys map to commands through `KeyMap` (data), and the help overlay,
/// the hint line and the `:` palette are all generated from the same registry.
public enum Command: String, Sendable, Hashable, CaseIterable {
    // Moving
    case moveDown = "move-down"
    case moveUp = "move-up"
    case top
    case bottom
    case halfPageDown = "half-page-down"
    case halfPageUp = "half-page-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    // Queue and panes
    case open
    case back
    case nextPane = "next-pane"
    case filter
    case cycleView = "cycle-view"
    case showOverdue = "show-overdue"
    case showDueSoon = "show-due-soon"
    case showCustomerLast = "show-customer-last"
    // Clocks
    case toggleHold = "toggle-hold"
    case toggleWaiting = "toggle-waiting"
    case noResponseNeeded = "no-response-needed"
    case showClocks = "show-clocks"
    // Replying
    case reply
    case send
    case templates
    case closeComposer = "close-composer"
    // Proof
    case insertTracking = "insert-tracking"
    case insertEvidence = "insert-evidence"
    case toggleNote = "toggle-note"
    case saveTemplate = "save-template"
    case externalEditor = "external-editor"
    case disputeScaffold = "dispute-scaffold"
    case toggleAttachEvidence = "toggle-attach-evidence"
    case reviewFindings = "review-findings"
    // Picker
    case pickerNext = "picker-next"
    case pickerPrevious = "picker-previous"
    case pickerInsert = "picker-insert"
    case pickerStage = "picker-stage"
    case pickerLanguage = "picker-language"
    case pickerCancel = "picker-cancel"
    // Team: owners, outcomes, the dashboard
    case assignToMe = "assign-to-me"
    case reassign
    case cycleAssignee = "cycle-assignee"
    case toggleMark = "toggle-mark"
    case solve
    case dashboard
    case sortPrevious = "sort-previous"
    case sortNext = "sort-next"
    case reverseSort = "reverse-sort"
    case togglePeriod = "toggle-period"
    // Moving between tickets
    case nextTicket = "next-ticket"
    case previousTicket = "previous-ticket"
    case jumpToTicket = "jump-to-ticket"
    case snooze
    /// `F`: follow up at a time or when the parcel says so ("done" marks the follow-ups done).
    case followUp = "follow-up"
    // The customer beside the thread
    case toggleProfile = "toggle-profile"
    // Everywhere
    case help
    case palette
    case redraw
    case quit
    case forceQuit = "force-quit"
}

/// Where a key is pressed; each context has its own bindings, `global` applies everywhere.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case queue
    case thread
    case composer
    case picker
    case proofPicker = "proof-picker"
    case help
    case dashboard
    /// The customer profile, after `i` in the thread.
    case profile
    case global

    public var title: String {
        switch self {
        case .queue: "Queue"
        case .thread: "Thread"
        case .composer: "Composer"
        case .picker: "Template picker"
        case .proofPicker: "Tracking and evidence picker"
        case .help: "Help"
        case .dashboard: "Dashboard"
        case .profile: "Customer profile"
        case .global: "Everywhere"
        }
    }
}

/// One entry of the action registry: a command, the keys that run it in a context, what it does.
public struct Binding: Sendable, Hashable {
    public var command: Command
    public var context: KeyContext
    /// Each sequence is one way to run it: `[.char("g"), .char("g")]` is `g g`.
    public var keys: [[Key]]
    public var summary: String
    /// Shown on the hint line (the few a newcomer needs first).
    public var hint: Bool

    public init(_ command: Command, _ context: KeyContext, _ keys: [[Key]], _ summary: String, hint: Bool = false) {
        self.command = command
        self.context = context
        self.keys = keys
        self.summary = summary
        self.hint = hint
    }

    /// The keys as help shows them: `j / ↓`, `g g`.
    public var keyText: String {
        keys.map { $0.map(\.description).joined(separator: " ") }.joined(separator: " / ")
    }
}
