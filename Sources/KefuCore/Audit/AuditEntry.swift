import Foundation

/// What an audit row says happened. The raw values are what the stores keep and what
/// `kefu audit` prints, so they never change once shipped.
public enum AuditAction: String, Sendable, Hashable, CaseIterable {
    case claim
    /// The agent let go of a claim (or `n` moved on from it).
    case release
    /// A claim that lapsed and was taken by another agent; the row names the agent who held it.
    case lapse
    case assign
    /// Solving the ticket, with the outcome recorded.
    case solve
    /// An outcome recorded or changed without solving.
    case outcome
    case hold
    case holdEnded = "hold-ended"
    case noResponseNeeded = "no-response-needed"
    case snooze
    case unsnooze
    /// An evidence record removed (its reason stays in the evidence removal record).
    case evidenceRemoved = "evidence-removed"
    /// A follow-up set on the ticket (`F`, `kefu followups add`).
    case followUp = "follow-up"
    /// The ticket's open follow-ups marked done.
    case followUpDone = "follow-up-done"
    /// Two customer records made one (by a lead, or by a key both held).
    case customerMerge = "customer-merge"
    /// A merge undone; the two are kept apart from then on.
    case customerSplit = "customer-split"
}

/// One row of the append-only audit log: when, who, what, on which ticket. `detail` is short
/// and made by Kefu (names of outcomes, reasons, owners), never customer text.
public struct AuditEntry: Sendable, Hashable {
    public var id: Int64
    public var at: Date
    /// The agent id as the commands resolve it (team list, `--by`, `$KEFU_AGENT`, `$USER`).
    public var agent: String
    public var action: AuditAction
    /// Nil for changes that concern no one ticket (evidence of an order no ticket names).
    public var ticketID: Int64?
    public var detail: String

    public init(id: Int64, at: Date, agent: String, action: AuditAction, ticketID: Int64?, detail: String) {
        self.id = id
        self.at = at
        self.agent = agent
        self.action = action
        self.ticketID = ticketID
        self.detail = detail
    }
}

/// Which audit rows to read: every filter is optional; `limit` keeps the newest rows.
public struct AuditQuery: Sendable, Hashable {
    public var since: Date?
    public var ticketID: Int64?
    public var agent: String?
    public var limit: Int?

    public init(since: Date? = nil, ticketID: Int64? = nil, agent: String? = nil, limit: Int? = nil) {
        self.since = since
        self.ticketID = ticketID
        self.agent = agent
        self.limit = limit
    }
}
