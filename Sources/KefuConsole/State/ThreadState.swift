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

    public init(ticket: Ticket, messages: [Message], order: Order?, scroll: Int = 0, scrollToEnd: Bool = true) {
        self.ticket = ticket
        self.messages = messages
        self.order = order
        self.scroll = scroll
        self.scrollToEnd = scrollToEnd
    }
}

/// The reply being written for one ticket.
public struct ComposerState: Sendable, Hashable {
    public var ticketID: Int64
    public var customerName: String
    public var editor: TextEditor
    /// When the text last changed without being saved; drafts are saved a second after typing stops.
    public var unsavedSince: Double?

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

    public init(language: String?) {
        self.language = language
    }

    public var selectedTemplate: Template? {
        results.indices.contains(selected) ? results[selected] : nil
    }
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
    }

    public var kind: Kind
    public var text: String

    public var sigil: String {
        switch kind {
        case .filter: "/"
        case .command: ":"
        case .confirm: ""
        case .assign(let ids): ids.count == 1 ? "assign to: " : "assign \(ids.count) tickets to: "
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
