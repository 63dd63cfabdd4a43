/// When a policy applies. Each condition that is set must hold; within one condition any listed
/// value will do. A policy with no condition at all matches every conversation: the fallback.
///
///     when: {marketplace: ebay, kind: [return_request, item_not_received]}
///     // an eBay return request or item-not-received case, on any channel, in any language
///
/// Tags match when the conversation carries at least one of them. Languages match on the
/// primary subtag too: `de` matches `de-AT`. Tags, segments and languages ignore case.
public struct PolicyConditions: Sendable, Hashable {
    public var channels: Set<Channel>?
    public var marketplaces: Set<Marketplace>?
    public var kinds: Set<TicketKind>?
    public var tags: Set<String>?
    public var segments: Set<String>?
    public var languages: Set<String>?

    public init(
        channels: Set<Channel>? = nil, marketplaces: Set<Marketplace>? = nil, kinds: Set<TicketKind>? = nil,
        tags: Set<String>? = nil, segments: Set<String>? = nil, languages: Set<String>? = nil
    ) {
        self.channels = channels
        self.marketplaces = marketplaces
        self.kinds = kinds
        self.tags = tags.map { Set($0.map { $0.lowercased() }) }
        self.segments = segments.map { Set($0.map { $0.lowercased() }) }
        self.languages = languages.map { Set($0.map { $0.lowercased() }) }
    }

    /// The fallback: no condition set.
    public var isFallback: Bool {
        channels == nil && marketplaces == nil && kinds == nil && tags == nil && segments == nil && languages == nil
    }

    public func matches(_ facts: ConversationFacts) -> Bool { firstMismatch(facts) == nil }

    /// Why the policy does not apply, in words for `kefu sla explain`
    /// (`marketplace is ebay, not amazon`); nil when it does.
    public func firstMismatch(_ facts: ConversationFacts) -> String? {
        if let channels, !channels.contains(facts.channel) {
            return "channel is \(facts.channel.rawValue), not \(PolicyConditions.list(channels.map(\.rawValue)))"
        }
        if let marketplaces, !marketplaces.contains(facts.marketplace) {
            return "marketplace is \(facts.marketplace.rawValue), not \(PolicyConditions.list(marketplaces.map(\.rawValue)))"
        }
        if let kinds, !kinds.contains(facts.kind) {
            return "kind is \(facts.kind.rawValue), not \(PolicyConditions.list(kinds.map(\.rawValue)))"
        }
        if let tags, facts.tags.allSatisfy({ !tags.contains($0.lowercased()) }) {
            let has = facts.tags.isEmpty ? "no tags" : "tags \(PolicyConditions.list(facts.tags))"
            return "has \(has), none of \(PolicyConditions.list(tags))"
        }
        if let segments, !segments.contains(facts.segment?.lowercased() ?? "") {
            return "segment is \(facts.segment ?? "unknown"), not \(PolicyConditions.list(segments))"
        }
        if let languages, !languages.contains(where: { PolicyConditions.language(facts.language, isCoveredBy: $0) }) {
            return "language is \(facts.language ?? "unknown"), not \(PolicyConditions.list(languages))"
        }
        return nil
    }

    /// The conditions that made the policy apply, in words (`marketplace is amazon, kind is
    /// message`), or that it is the fallback.
    public func matchReason(_ facts: ConversationFacts) -> String {
        var parts: [String] = []
        if channels != nil { parts.append("channel is \(facts.channel.rawValue)") }
        if marketplaces != nil { parts.append("marketplace is \(facts.marketplace.rawValue)") }
        if kinds != nil { parts.append("kind is \(facts.kind.rawValue)") }
        if let tags { parts.append("tagged \(PolicyConditions.list(facts.tags.filter { tags.contains($0.lowercased()) }))") }
        if segments != nil { parts.append("segment is \(facts.segment ?? "")") }
        if languages != nil { parts.append("language is \(facts.language ?? "")") }
        return parts.isEmpty ? "fallback (no conditions): applies to every conversation" : parts.joined(separator: ", ")
    }

    static func language(_ language: String?, isCoveredBy condition: String) -> Bool {
        guard let language = language?.lowercased().replacingOccurrences(of: "_", with: "-") else { return false }
        return language == condition || language.hasPrefix(condition + "-")
    }

    private static func list(_ values: some Sequence<String>) -> String {
        let sorted = values.sorted()
        return sorted.count == 1 ? sorted[0] : sorted.joined(separator: " or ")
    }
}
