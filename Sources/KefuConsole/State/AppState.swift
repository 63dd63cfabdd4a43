import Foundation
import KefuCore

/// The whole console as one value: what is listed, selected, open and typed. Views draw it,
/// `reduce` changes it, and tests compare it whole.
public struct AppState: Sendable, Hashable {
    public enum Focus: Sendable, Hashable { case queue, thread, composer, profile }
    public enum Overlay: Sendable, Hashable {
        case none
        case help(KeyContext)
        case picker
        case proofPicker
        /// Ctrl-R in the composer: the reply checks' findings in full (keys as in help).
        case findings
    }

    public var rows: Int
    public var cols: Int
    /// The time the countdowns are measured against; advanced by `tick`.
    public var now: Date
    public var focus: Focus = .queue
    /// In the one-pane layout (< 100 columns): the thread has been pushed over the queue.
    public var threadPushed = false
    public var queue = QueueState()
    public var thread: ThreadState?
    /// The composer of the ticket being answered, if open.
    public var composer: ComposerState?
    /// Composers of other tickets, kept while the agent switches between tickets.
    public var parkedComposers: [Int64: ComposerState] = [:]
    public var picker: PickerState?
    /// `T` / `E`: the proof picker and insertions waiting for a composer or thread.
    public var proof = ProofState()
    public var overlay: Overlay = .none
    public var prompt: PromptState?
    public var totals = QueueTotals(open: 0, needsReply: 0, dueWithinHour: 0, overdue: 0)
    public var flash: Flash?
    /// Whether the store's server is reachable; the status bar says so while it is not.
    public var connection: StoreConnection = .connected
    /// Set when the store could only be opened read-only; nothing that writes is tried.
    public var readOnlyStore: ReadOnlyStoreState?
    /// Keys typed so far of a longer sequence (`g` of `g g`) and a count (`5` of `5j`).
    public var pendingKeys: [Key] = []
    public var count: Int?
    public var quitting = false
    /// How far the help overlay is scrolled (it lists more keys than a small screen shows).
    public var helpScroll = 0
    /// `C`: the status bar lists every running clock of the ticket instead of the nearest.
    public var showsAllClocks = false
    public var keyMap: KeyMap = .standard
    public var templates: [Template] = [] {
        didSet { templateIndex = TemplateIndexCache(templates) }
    }
    /// The picker's search index over `templates`, built when they change, not at every Ctrl-T.
    public private(set) var templateIndex = TemplateIndexCache([])
    /// How often each template was inserted (from the store), so the most used rise in the picker.
    public var templateUsage: [String: Int] = [:]
    public var profile: AgentProfile
    /// The zone message times are shown in (the local one; tests fix it).
    public var timeZone: TimeZone = .current
    /// Tickets marked with `x` for a batch move.
    public var marked: Set<Int64> = []
    /// The two-keystroke outcome prompt of `S`, while open.
    public var outcomePrompt: OutcomePromptState?
    /// The team dashboard, while shown (it takes the whole screen above the status bar).
    public var dashboard: DashboardState?
    /// Tickets opened before the one in view (by `n`, `#`, a send), for `p`.
    public var visited: [Int64] = []
    /// After `Ctrl-S` the next ticket opens (the default); false keeps the old stay-put behaviour.
    public var sendAndNext = true
    /// Who else is in which ticket, and this agent's claim.
    public var presence = PresenceState()
    /// `i`: the customer profile is open (under 160 columns over the thread; from 160 it is
    /// always beside it), and which earlier conversation is selected in it.
    public var customerPane = ProfileState()

    public init(rows: Int, cols: Int, now: Date, profile: AgentProfile, templates: [Template] = []) {
        self.rows = rows
        self.cols = cols
        self.now = now
        self.profile = profile
        self.templates = templates
        self.templateIndex = TemplateIndexCache(templates)
    }

    public var layout: Layout {
        Layout.compute(
            rows: rows, cols: cols, composerOpen: composer != nil, composerFocused: focus == .composer,
            threadPushed: threadPushed,
            profile: thread?.customer == nil && thread?.customerNote == nil ? .none : customerPane.open ? .opened : .available,
            threadFocused: focus != .queue)
    }

    /// Where keys go now.
    public var keyContext: KeyContext {
        switch overlay {
        case .help, .findings: return .help
        case .picker: return .picker
        case .proofPicker: return .proofPicker
        case .none: break
        }
        if dashboard != nil { return .dashboard }
        switch focus {
        case .queue: return .queue
        case .thread: return .thread
        case .composer: return .composer
        case .profile: return .profile
        }
    }

    public var nowSeconds: Double { now.timeIntervalSince1970 }
}

/// Who is answering, for the signature and the author of replies, and what the team list says
/// they may do.
public struct AgentProfile: Sendable, Hashable {
    public var name: String
    public var storeName: String
    /// Used where a parcel's carrier has no tracking page of its own; `{n}` is the number.
    public var universalTrackingURL: String
    /// Lead, agent, not on the list, or no roles configured (everything allowed).
    public var standing: ActingAgent.Standing
    /// The names on the config's team list: the dashboard gives each a row.
    public var team: [String] = []

    public init(name: String, storeName: String, universalTrackingURL: String = "https://t.17track.net/en#nums={n}",
                standing: ActingAgent.Standing = .noRoles) {
        self.name = name
        self.storeName = storeName
        self.universalTrackingURL = universalTrackingURL
        self.standing = standing
    }

    public init(_ acting: ActingAgent, storeName: String, team: TeamRoster = .none) {
        self.init(name: acting.name, storeName: storeName, standing: acting.standing)
        self.team = team.members.map(\.name)
    }

    /// The person as the store's role checks see them.
    public var acting: ActingAgent { ActingAgent(name: name, standing: standing) }
}
