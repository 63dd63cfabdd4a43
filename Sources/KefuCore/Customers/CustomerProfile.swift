import Foundation

/// An earlier (or the current) conversation of a customer, with the outcome recorded when it was solved.
public struct CustomerConversation: Sendable, Hashable {
    public var ticketID: Int64
    public var conversation: String
    public var subject: String
    public var status: TicketStatus
    public var lastMessageAt: Date
    public var marketplace: Marketplace
    /// Nil while the conversation has no outcome.
    public var outcome: OutcomeChoice?

    public init(
        ticketID: Int64, conversation: String, subject: String, status: TicketStatus, lastMessageAt: Date,
        marketplace: Marketplace, outcome: OutcomeChoice?
    ) {
        self.ticketID = ticketID
        self.conversation = conversation
        self.subject = subject
        self.status = status
        self.lastMessageAt = lastMessageAt
        self.marketplace = marketplace
        self.outcome = outcome
    }

    /// `wrong item · warehouse · reship`, or `open` / `solved, no outcome`.
    public var outcomeText: String {
        if let outcome { return "\(outcome.problem.title) · \(outcome.responsible.title) · \(outcome.resolution.title)" }
        return status == .solved ? "solved, no outcome" : status.rawValue
    }
}

/// A sum of money in one currency; totals are kept per currency and never added across them.
public struct MoneyTotal: Sendable, Hashable {
    public var currency: String
    public var amount: Decimal

    public init(currency: String, amount: Decimal) {
        self.currency = currency
        self.amount = amount
    }

    /// `123.40 EUR`.
    public var text: String {
        var rounded = Decimal(), value = amount
        NSDecimalRound(&rounded, &value, 2, .plain)
        return "\(Self.twoPlaces(rounded)) \(currency)"
    }

    static func twoPlaces(_ value: Decimal) -> String {
        let text = "\(value)"
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return decimals >= 2 ? text : text + String(repeating: "0", count: 2 - decimals)
    }

    /// Sums orders by currency, the currencies in alphabetical order.
    public static func totals(of orders: [Order]) -> [MoneyTotal] {
        var sums: [String: Decimal] = [:]
        for order in orders { sums[order.currency, default: 0] += order.total }
        return sums.keys.sorted().map { MoneyTotal(currency: $0, amount: sums[$0]!) }
    }
}

/// Everything the profile pane and `kefu customer show` tell about one customer.
public struct CustomerProfile: Sendable, Hashable {
    public var customer: Customer
    /// Newest first.
    public var orders: [Order]
    /// Order statuses the store knows (`shipped`, `ordered`), by order id.
    public var conversations: [CustomerConversation]
    /// Records merged into this one by a lead or by a shared key, newest first.
    public var merges: [CustomerMerge]
    /// Follow-ups not done yet on any of the customer's conversations, soonest first (those still
    /// waiting on a parcel last).
    public var openFollowUps: [FollowUp]

    public init(
        customer: Customer, orders: [Order], conversations: [CustomerConversation], merges: [CustomerMerge],
        openFollowUps: [FollowUp] = []
    ) {
        self.customer = customer
        self.orders = orders
        self.conversations = conversations
        self.merges = merges
        self.openFollowUps = openFollowUps
    }

    public var totals: [MoneyTotal] { MoneyTotal.totals(of: orders) }
    public var firstOrder: Order? { orders.min { ($0.placedAt, $0.id) < ($1.placedAt, $1.id) } }
    public var lastOrder: Order? { orders.max { ($0.placedAt, $0.id) < ($1.placedAt, $1.id) } }

    /// The country of the newest order that carries a shipping address (order reports may give
    /// one); nil when none does.
    public var country: String? {
        orders.sorted { ($0.placedAt, $0.id) > ($1.placedAt, $1.id) }
            .lazy.compactMap { $0.shippingAddress?.country }.first { !$0.isEmpty }
    }

    /// The conversations other than `ticketID`, newest first: the "earlier conversations" list.
    public func conversations(besides ticketID: Int64?) -> [CustomerConversation] {
        conversations.filter { $0.ticketID != ticketID }
    }
}

/// What an order's parcels say about where it is: `ordered` with none, `shipped` with one.
public enum OrderStatus {
    public static func of(_ order: Order) -> String { order.parcels.isEmpty ? "ordered" : "shipped" }
}
