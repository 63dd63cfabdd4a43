/// The short name of the clock that decides a ticket's deadline, shown beside its countdown
/// (`chat 4m`, `AMZ 23h`, `team 2h`) so the agent sees why it is due then.
///
/// - a policy whose name starts with `team` (the team's own layer, `team-first-answer` in the
///   shipped policies) reads `team`;
/// - otherwise a live chat reads `chat`;
/// - otherwise the marketplace whose rule it is (`AMZ`, `eBay`, `Shop`...).
///
///     ClockLabel.of(policy: "team-first-answer", channel: .email, marketplace: .shopify)  // "team"
///     ClockLabel.of(policy: "live-chat", channel: .chat, marketplace: .shopify)           // "chat"
///     ClockLabel.of(policy: "amazon-messages", channel: .marketplace, marketplace: .amazon) // "AMZ"
public enum ClockLabel {
    /// The widest label, for the queue's fixed column.
    public static let width = 4

    public static func of(policy: String?, channel: Channel, marketplace: Marketplace) -> String {
        if policy == FollowUpClock.policy { return "F/U" }
        if let policy, policy.lowercased().hasPrefix("team") { return "team" }
        if channel == .chat { return "chat" }
        return marketplace.shortLabel
    }
}
