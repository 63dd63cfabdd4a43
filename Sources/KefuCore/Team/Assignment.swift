import Foundation

/// One change of a ticket's owner, kept forever: who took or gave the ticket, and when.
public struct Assignment: Sendable, Hashable {
    public var ticketID: Int64
    /// The new owner; nil when the ticket was given back (unassigned).
    public var assignee: String?
    /// The owner before this change.
    public var previous: String?
    /// Who made the change (the agent taking it, or the lead moving it).
    public var assignedBy: String
    public var at: Date

    public init(ticketID: Int64, assignee: String?, previous: String?, assignedBy: String, at: Date) {
        self.ticketID = ticketID
        self.assignee = assignee
        self.previous = previous
        self.assignedBy = assignedBy
        self.at = at
    }
}

/// Whose tickets the queue lists.
public enum AssigneeFilter: Sendable, Hashable {
    case anyone
    /// Tickets assigned to this agent (the console's "mine" is the agent's own name).
    case agent(String)
    case unassigned
}

/// Narrows a queue view to an owner and/or a channel and marketplace (the dashboard's drill-down).
public struct QueueScope: Sendable, Hashable {
    public var assignee: AssigneeFilter
    public var channel: Channel?
    public var marketplace: Marketplace?

    public init(assignee: AssigneeFilter = .anyone, channel: Channel? = nil, marketplace: Marketplace? = nil) {
        self.assignee = assignee
        self.channel = channel
        self.marketplace = marketplace
    }

    public static let everything = QueueScope()

    public var isEverything: Bool { self == .everything }
}

/// The two or three letters a queue row shows for an owner: "Li Wei" → "LW", "anna" → "an".
public enum AgentInitials {
    public static func of(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "." || $0 == "-" || $0 == "_" })
        if words.count >= 2 { return words.prefix(2).compactMap { $0.first.map(String.init) }.joined() }
        return String(name.prefix(2))
    }
}
