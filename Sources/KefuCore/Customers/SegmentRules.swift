import Foundation

/// The named segments and their thresholds, from `customers.segments:` in `kefu.yaml`. The first
/// rule that holds names the customer, in this order:
///
/// 1. `vip`: listed under `customers.vip` (a customer id `C12` or an address), or one of the
///    customer's conversations carries the tag `vip`;
/// 2. `lapsed`: the last order is more than `lapsed_days` old;
/// 3. `at risk`: the last order is more than `at_risk_days` old;
/// 4. `new`: one order only, placed within `new_days`;
/// 5. `big spender`: monetary score at least `big_spender_monetary`;
/// 6. `loyal`: frequency score at least `loyal_frequency` and recency at least `loyal_recency`;
/// 7. `active`: anyone else with an order.
///
/// A customer without orders has no segment (unless vip).
public struct SegmentRules: Sendable, Hashable {
    public var newDays: Int
    public var atRiskDays: Int
    public var lapsedDays: Int
    public var loyalFrequency: Int
    public var loyalRecency: Int
    public var bigSpenderMonetary: Int
    /// Customer ids (`C12`) and addresses, lower case.
    public var vip: Set<String>

    public init(
        newDays: Int = 30, atRiskDays: Int = 90, lapsedDays: Int = 180, loyalFrequency: Int = 4, loyalRecency: Int = 3,
        bigSpenderMonetary: Int = 5, vip: Set<String> = []
    ) {
        self.newDays = newDays
        self.atRiskDays = atRiskDays
        self.lapsedDays = lapsedDays
        self.loyalFrequency = loyalFrequency
        self.loyalRecency = loyalRecency
        self.bigSpenderMonetary = bigSpenderMonetary
        self.vip = Set(vip.map { $0.lowercased() })
    }

    public static let standard = SegmentRules()

    /// Every segment name, in rule order (`kefu customers --segment` checks against it).
    public static let names = ["vip", "lapsed", "at risk", "new", "big spender", "loyal", "active"]

    /// The one-letter mark on the queue row (a word in `kefu customers`), never colour alone.
    public static func letter(_ segment: String?) -> Character? {
        switch segment {
        case "vip": "V"
        case "lapsed": "Z"
        case "at risk": "R"
        case "new": "N"
        case "big spender": "B"
        case "loyal": "L"
        case "active": "A"
        default: nil
        }
    }

    /// `at-risk` and `AT RISK` both name `at risk`; nil for no segment of these.
    public static func normalised(_ text: String) -> String? {
        let name = text.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return names.contains(name) ? name : nil
    }

    public func isVIP(id: Int64, addresses: [String], tagged: Bool) -> Bool {
        tagged || vip.contains(CustomerName.of(id).lowercased()) || addresses.contains { vip.contains($0.lowercased()) }
    }

    public func segment(history: OrderHistorySummary?, scores: RFMScores?, vip: Bool, now: Date) -> String? {
        if vip { return "vip" }
        guard let history, let scores else { return nil }
        let age = now.timeIntervalSince(history.lastOrderAt) / 86_400
        if age > Double(lapsedDays) { return "lapsed" }
        if age > Double(atRiskDays) { return "at risk" }
        if history.orders == 1, age <= Double(newDays) { return "new" }
        if scores.monetary >= bigSpenderMonetary { return "big spender" }
        if scores.frequency >= loyalFrequency, scores.recency >= loyalRecency { return "loyal" }
        return "active"
    }
}

/// What `recomputeSegments` did, for the command and the benchmark.
public struct SegmentSummary: Sendable, Hashable {
    /// The store's `meta` key holding when segments were last computed (both backends).
    public static let computedAtKey = "customers.segments_computed_at"

    public var customers: Int
    /// Customers per segment name (no segment: the key "none").
    public var counts: [String: Int]
    /// Open tickets whose deadline policy was looked at again because their segment changed.
    public var ticketsRecomputed: Int

    public init(customers: Int, counts: [String: Int], ticketsRecomputed: Int) {
        self.customers = customers
        self.counts = counts
        self.ticketsRecomputed = ticketsRecomputed
    }
}
