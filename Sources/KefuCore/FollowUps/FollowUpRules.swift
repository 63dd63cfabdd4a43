import Foundation

/// The order-driven follow-ups (`followups:` in kefu.yaml): each rule looks at an order's facts
/// and, when it fires, makes a "speak first" item with the template it names. A rule fires once
/// per order (the store keeps that), so running them again is harmless.
public struct FollowUpRule: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// The shipping address looks incomplete (`AddressCheck`).
        case incompleteAddress
        /// A parcel that left has had no carrier event for this many days.
        case trackingSilent(days: Int)
        /// The newest carrier event says customs holds the parcel.
        case customsHold
        /// Shipped after the promised ship-by day (or not shipped and that day has passed),
        /// more than `graceDays` late.
        case shippedLate(graceDays: Int)

        /// The config word of the reason.
        public var word: String {
            switch self {
            case .incompleteAddress: "incomplete-address"
            case .trackingSilent: "tracking-silent"
            case .customsHold: "customs-hold"
            case .shippedLate: "shipped-late"
            }
        }
    }

    /// The rule's name: what `kefu report` counts proactive items by, and what makes it fire once per order.
    public var name: String
    public var reason: Reason
    /// The template of the first message, rendered in the customer's language.
    public var template: String

    public init(name: String, reason: Reason, template: String) {
        self.name = name
        self.reason = reason
        self.template = template
    }
}

/// What the rules read about one order.
public struct OrderFacts: Sendable, Hashable {
    public var order: Order
    /// Carrier events of the order's parcels, oldest first.
    public var events: [CarrierEvent]

    public init(order: Order, events: [CarrierEvent]) {
        self.order = order
        self.events = events.sorted { $0.at < $1.at }
    }

    public var isDelivered: Bool { events.contains { $0.status == .delivered } }

    /// When the parcel left: the report's shipped date, else the first parcel's.
    public var shippedAt: Date? { order.shippedAt ?? order.parcels.map(\.shippedAt).min() }

    /// The last sign of life: the newest carrier event, else the time it left.
    public var lastHeard: Date? { events.last?.at ?? shippedAt }
}

/// A rule that fired on an order: what to say first, and why.
public struct ProactiveFollowUp: Sendable, Hashable {
    public var rule: String
    public var orderID: String
    public var template: String
    /// Why, in words (no customer text): "postcode “1011” does not fit NL".
    public var note: String

    public init(rule: String, orderID: String, template: String, note: String) {
        self.rule = rule
        self.orderID = orderID
        self.template = template
        self.note = note
    }
}

public struct FollowUpRules: Sendable, Hashable {
    public var rules: [FollowUpRule]

    public init(rules: [FollowUpRule]) { self.rules = rules }

    /// The rules that apply when kefu.yaml has no `followups:` section.
    public static let defaults = FollowUpRules(rules: [
        FollowUpRule(name: "address", reason: .incompleteAddress, template: "address-check"),
        FollowUpRule(name: "silent", reason: .trackingSilent(days: 7), template: "parcel-in-transit"),
        FollowUpRule(name: "customs", reason: .customsHold, template: "customs-delay"),
        FollowUpRule(name: "late-shipment", reason: .shippedLate(graceDays: 0), template: "shipping-delay"),
    ])

    /// The rules that fire on an order now.
    public func evaluate(_ facts: OrderFacts, now: Date) -> [ProactiveFollowUp] {
        rules.compactMap { rule in
            note(rule.reason, facts, now: now).map {
                ProactiveFollowUp(rule: rule.name, orderID: facts.order.id, template: rule.template, note: $0)
            }
        }
    }

    /// Why the reason holds for the order, nil when it does not.
    func note(_ reason: FollowUpRule.Reason, _ facts: OrderFacts, now: Date) -> String? {
        switch reason {
        case .incompleteAddress:
            guard let address = facts.order.shippingAddress, !address.isEmpty, !facts.isDelivered else { return nil }
            let problems = AddressCheck.problems(address)
            return problems.isEmpty ? nil : "address looks incomplete: " + problems.map(\.description).joined(separator: ", ")
        case .trackingSilent(let days):
            guard !facts.isDelivered, !facts.order.parcels.isEmpty, let last = facts.lastHeard else { return nil }
            let silent = now.timeIntervalSince(last)
            guard silent >= Double(days) * 86_400 else { return nil }
            return "no carrier event for \(Int(silent / 86_400)) days (rule: \(days))"
        case .customsHold:
            guard let last = facts.events.last, last.status == .customsHold else { return nil }
            return "held at customs since \(RFC3339.format(last.at))"
        case .shippedLate(let grace):
            guard let promised = facts.order.shipBy else { return nil }
            let limit = promised.addingTimeInterval(Double(grace) * 86_400)
            if let shipped = facts.shippedAt {
                guard shipped > limit else { return nil }
                let days = max(1, Int((shipped.timeIntervalSince(promised) / 86_400).rounded(.up)))
                return "shipped \(days) day\(days == 1 ? "" : "s") after the promised \(RFC3339.format(promised))"
            }
            guard now > limit else { return nil }
            return "not shipped; promised by \(RFC3339.format(promised))"
        }
    }

    /// The customer's language for an order with no conversation yet: from the shipping country.
    public static func language(country: String?) -> String {
        switch country?.uppercased() {
        case "DE", "AT", "CH": "de"
        case "FR", "BE": "fr"
        case "ES", "MX": "es"
        case "IT": "it"
        case "PT", "BR": "pt"
        default: "en"
        }
    }
}
