/// One way a carrier's tracking numbers look, as the carrier table describes it: a carrier can
/// have several entries (FedEx 12, 15 and 22 digits), each with its own shape and check rule.
public struct CarrierEntry: Sendable, Hashable {
    /// Stable key: a user table entry with the same id replaces this one.
    public var id: String
    /// The carrier as a buyer knows it: "Royal Mail", "FedEx".
    public var name: String
    /// The numbering scheme, shown when a number fails its check: "UPU S10", "FedEx 12-digit".
    public var scheme: String
    /// Shapes in `TrackingPattern` notation; any one matching is enough.
    public var patterns: [TrackingPattern]
    public var check: CheckRule
    /// The carrier's own tracking page; nil sends buyers to the universal tracker instead.
    public var url: TrackingURLTemplate?
    /// Lower is tried first; see `TrackingNumberDetector` for how ties and failures resolve.
    public var priority: Int
    /// A user table can switch a shipped entry off (e.g. a shop whose 10-digit order numbers
    /// keep being taken for DHL Express waybills).
    public var enabled: Bool

    public init(
        id: String, name: String, scheme: String, patterns: [TrackingPattern], check: CheckRule,
        url: TrackingURLTemplate?, priority: Int, enabled: Bool = true
    ) {
        self.id = id
        self.name = name
        self.scheme = scheme
        self.patterns = patterns
        self.check = check
        self.url = url
        self.priority = priority
        self.enabled = enabled
    }
}
