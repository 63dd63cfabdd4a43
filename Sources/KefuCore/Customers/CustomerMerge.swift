import Foundation

/// Two customer records made one: by a lead (`kefu customer merge A B`), or automatically when
/// a key (an address, an order) turned out to belong to both. Kept so a split can undo it.
public struct CustomerMerge: Sendable, Hashable {
    public var id: Int64
    /// The record that stays.
    public var kept: Int64
    /// The record folded into `kept`.
    public var absorbed: Int64
    /// Who merged (a lead's name), or `kefu` for an automatic link.
    public var by: String
    public var at: Date
    /// Why: `lead`, or the key that linked them (`order 114-… names anna@example.de`).
    public var reason: String
    public var automatic: Bool
    /// When a split undid it; nil while it holds.
    public var undoneAt: Date?

    public init(id: Int64, kept: Int64, absorbed: Int64, by: String, at: Date, reason: String, automatic: Bool, undoneAt: Date?) {
        self.id = id
        self.kept = kept
        self.absorbed = absorbed
        self.by = by
        self.at = at
        self.reason = reason
        self.automatic = automatic
        self.undoneAt = undoneAt
    }
}

/// What a merge or split did, for the command's one line.
public struct CustomerChange: Sendable, Hashable {
    public var kept: Int64
    public var other: Int64
    public var movedTickets: Int
    public var movedOrders: Int

    public init(kept: Int64, other: Int64, movedTickets: Int, movedOrders: Int) {
        self.kept = kept
        self.other = other
        self.movedTickets = movedTickets
        self.movedOrders = movedOrders
    }
}
