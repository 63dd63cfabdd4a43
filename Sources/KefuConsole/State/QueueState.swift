import KefuCore

/// The queue pane: a window of tickets around the selection (never the whole table), where the
/// window sits in the full list, and what the list is (view and filter).
public struct QueueState: Sendable, Hashable {
    public var view: QueueView = .needsReply
    public var filter: String = ""
    /// Whose tickets (all / mine / unassigned) and which channel, from `m` and the dashboard.
    public var scope: QueueScope = .everything
    /// The window: tickets `windowStart ..< windowStart + rows.count` of the full list.
    public var rows: [Ticket] = []
    public var windowStart = 0
    /// The selected ticket's index in the full list.
    public var selected = 0
    /// How many tickets the full list holds.
    public var total = 0
    /// True until the first window has arrived.
    public var loading = true
    /// Savable first (the default) or plain deadline order (`:sort`).
    public var order: QueueOrder = .triage
    /// Where savable turns into late, as of the last load (nil in deadline order).
    public var bands: QueueBands?
    /// When the window was last read: the triage bands move with the clock, so it is read again.
    public var loadedAt: Double = 0

    public init() {}

    public var selectedTicket: Ticket? {
        let i = selected - windowStart
        return rows.indices.contains(i) ? rows[i] : nil
    }

    public var windowEnd: Int { windowStart + rows.count }

    public func contains(index: Int) -> Bool { index >= windowStart && index < windowEnd }
}

/// How many tickets of the list are savable and how many late (the band header's counts).
/// The first `savable` tickets of the list are the savable band, the `late` after them the late one.
public struct QueueBands: Sendable, Hashable {
    public var savable: Int
    public var late: Int

    public init(savable: Int, late: Int) {
        self.savable = savable
        self.late = late
    }
}

/// A window load the reducer asks for; the engine runs the query and answers with `queueLoaded`.
public enum QueueLoad: Sendable, Hashable {
    /// Read the window around this ticket and select it (a jump to a ticket far from the window).
    case around(Ticket)
    /// Reload around the current window, keeping the ticket `keep` selected if it is still listed.
    case reload(keep: Int64?)
    /// From the top of the list.
    case top
    /// The end of the list.
    case bottom
    /// Continue past the window's end until index `to` is inside.
    case forward(to: Int)
    /// Continue before the window's start until index `to` is inside.
    case backward(to: Int)
}
