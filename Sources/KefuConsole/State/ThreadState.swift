import KefuCore

/// The thread pane: one conversation with its order, and how far it is scrolled.
public struct ThreadState: Sendable, Hashable {
    public var ticket: Ticket
    public var messages: [Message]
    public var order: Order?
    /// Every clock running on the ticket, for `C` (the status bar shows the nearest otherwise).
    public var clocks: [ReplyClock] = []
    /// The order's parcel links and evidence, for the pane and for `T` / `E`.
    public var proof = ThreadProof()
    /// The first line shown (lines as wrapped for the pane's width).
    public var scroll: Int
    /// Scroll to the newest message once the pane knows its height.
    public var scrollToEnd: Bool
    /// The newest message when the agent opened the ticket (or last sent or confirmed on it):
    /// a send is checked against it, so what a teammate or the customer added since is seen
    /// before the reply goes. Kept when the thread is read again for the same ticket.
    public var seenThrough: Int64?
    /// The ticket's customer, for the profile pane (`i`); nil when the store has none for it.
    public var customer: CustomerProfile?
    /// Why there is no profile when the store cannot give one (PostgreSQL in this build).
    public var customerNote: String?

    public init(ticket: Ticket, messages: [Message], order: Order?, scroll: Int = 0, scrollToEnd: Bool = true) {
        self.ticket = ticket
        self.messages = messages
        // The highest id, not the last shown: imports may store an older message after a newer one.
        self.seenThrough = messages.map(\.id).max()
        self.order = order
        self.scroll = scroll
        self.scrollToEnd = scrollToEnd
    }
}

/// Whether the composer writes to the customer or to the team.
public enum ComposerMode: Sendable, Hashable {
    case reply
    /// An internal note: stored in the thread for the team, never sent to the customer.
    case note
}

/// The template a reply started from, so the checks can name its fields and stage.
public struct TemplateOrigin: Sendable, Hashable {
    public var name: String
    public var stage: TemplateStage
    public var fields: [String]
}

/// The reply being written for one ticket.
public struct ComposerState: Sendable, Hashable {
    public var ticketID: Int64
    public var customerName: String
    public var editor: TextEditor
    /// When the text last changed without being saved; drafts are saved a second after typing stops.
    public var unsavedSince: Double?
    public var mode: ComposerMode = .reply
    public var template: TemplateOrigin?
    /// What the checks found at the last send attempt, shown under the text until it changes.
    public var findings: [ReplyFinding] = []
    /// The agent asked (Ctrl-O) for the evidence the text references (`EV-…`) to go out as
    /// attachments; which evidence is read from the text when the reply is sent.
    public var attachEvidence = false
    /// The body of the template inserted last, replaced (not stacked on) by the next template
    /// while it is still in the text unchanged.
    public var templateBody: String?
    /// The first wrapped row the composer shows; kept so the view scrolls only as far as the
    /// cursor needs (see `ComposerGeometry`).
    public var scrollTop = 0
    /// A draft of this reply is in the store (restored, or saved since), so the title can say
    /// "draft saved" — and not before anything was typed.
    public var hasSavedDraft = false

    /// The evidence that would be attached if the reply were sent now.
    public var evidenceToAttach: [String] {
        attachEvidence && mode == .reply ? EvidenceReference.ids(in: editor.text) : []
    }

    public init(ticketID: Int64, customerName: String, editor: TextEditor) {
        self.ticketID = ticketID
        self.customerName = customerName
        self.editor = editor
    }
}

/// The template picker over the composer.
public struct PickerState: Sendable, Hashable {
    public var query = ""
    public var stage: TemplateStage?
    /// The language of the preview and of what is inserted; starts as the customer's.
    public var language: String?
    public var results: [Template] = []
    public var selected = 0
    /// The incremental search over the templates (each keystroke that adds a character
    /// searches only the previous matches).
    public var search: SearchCache

    public init(language: String?, templates: [Template] = []) {
        self.init(language: language, index: TemplateIndex(templates))
    }

    /// A picker over an index built before (the console keeps one: building it is most of what
    /// opening the picker used to cost).
    public init(language: String?, index: TemplateIndex) {
        self.language = language
        self.search = SearchCache(TemplateSearchSession(index: index))
    }

    public var selectedTemplate: Template? {
        results.indices.contains(selected) ? results[selected] : nil
    }
}

/// A value kept in state that does not take part in equality (a cache: equal states may hold
/// different caches).
public struct SearchCache: Sendable, Hashable {
    public var session: TemplateSearchSession
    public init(_ session: TemplateSearchSession) { self.session = session }
    public static func == (lhs: SearchCache, rhs: SearchCache) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

/// The agent-only fields of a template being inserted, asked one after another on the prompt
/// line (a discount percentage, an item number); what the ticket knows is filled already.
public struct FieldEntry: Sendable, Hashable {
    public var template: Template
    public var language: String?
    /// Fields still to ask, in the order the template lists them.
    public var remaining: [String]
    public var values: [String: String] = [:]

    public var current: String? { remaining.first }
}

/// The one-line prompt that takes over the hint line for `/` and `:`.
public struct PromptState: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case filter(previous: String)
        case command
        /// A yes/no question before something that cannot be undone.
        case confirm(Confirmation)
        /// `A`: the name to give these tickets to (empty: nobody).
        case assign([Int64])
        /// The value of a template field the agent must give.
        case field(FieldEntry)
        /// The name for the reply saved as a personal template.
        case templateName
        /// `z`: until when the ticket is snoozed.
        case snooze(Int64)
        /// `F`: when to follow the ticket up.
        case followUp(Int64)
        /// `#`: the number of the ticket to open.
        case jump
    }

    public var kind: Kind
    public var text: String

    public var sigil: String {
        switch kind {
        case .filter: "/"
        case .command: ":"
        case .confirm: ""
        case .assign(let ids): ids.count == 1 ? "assign to: " : "assign \(ids.count) tickets to: "
        case .field(let entry): "\(entry.current ?? "")\(entry.template.fields.count > 1 ? " (\(entry.template.fields.count - entry.remaining.count + 1)/\(entry.template.fields.count))" : ""): "
        case .templateName: "Save as template named: "
        case .snooze: "Snooze until (14:00, tomorrow 9, 2h; empty: wake): "
        case .followUp: "Follow up (in 3 days, on 2026-12-10, delivered, silent 5d; done: end it): "
        case .jump: "Open ticket #"
        }
    }
}

/// A short message in the status bar ("Reply sent", an error), gone after a few seconds.
public struct Flash: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, error }
    public var text: String
    public var kind: Kind
    public var until: Double
}
