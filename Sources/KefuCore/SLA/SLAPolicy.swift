/// One reply promise: to whom it applies, how long each kind of answer may take, on which
/// clock, and whether holds stop it.
///
///     - name: ebay-returns
///       layer: marketplace
///       when: {marketplace: ebay, kind: [return_request, item_not_received]}
///       targets: {first_reply: 3bd, next_reply: 3bd}
///       calendar: china-team
///
/// Policies belong to a layer. Within a layer the first matching policy wins; every layer
/// runs its own clocks, so a ticket can carry the marketplace's 24 calendar hours (layer
/// `marketplace`) and the team's own 4 business hours (layer `team`) at once.
public struct SLAPolicy: Sendable, Hashable {
    public var name: String
    public var layer: String
    public var conditions: PolicyConditions
    /// At most one target per kind of clock. A missing kind runs no clock of that kind.
    public var targets: [ClockKind: SLADuration]
    /// The business calendar that business targets count on, and that business seconds are
    /// measured on when a deadline settles. Nil: the configuration's team calendar.
    public var calendar: String?
    /// Holds that stop this policy's clocks; the time on hold is not counted.
    public var pausesOn: Set<HoldReason>
    /// Why the policy exists, in the team lead's words, shown by `kefu sla explain`.
    public var note: String?

    public init(
        name: String, layer: String, conditions: PolicyConditions = PolicyConditions(),
        targets: [ClockKind: SLADuration], calendar: String? = nil, pausesOn: Set<HoldReason> = [], note: String? = nil
    ) {
        self.name = name
        self.layer = layer
        self.conditions = conditions
        self.targets = targets
        self.calendar = calendar
        self.pausesOn = pausesOn
        self.note = note
    }
}
