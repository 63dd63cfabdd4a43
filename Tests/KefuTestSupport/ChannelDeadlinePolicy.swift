import Foundation

import KefuCore

/// A test double for `DeadlinePolicy`: one reply target per channel or marketplace, counted in
/// calendar time, first matching rule wins — simple enough that tests work dues out by hand.
/// The product uses the SLA engine.
public struct ChannelDeadlinePolicy: DeadlinePolicy, Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public var name: String
        public var channel: Channel?
        public var marketplace: Marketplace?
        public var replyMinutes: Double

        public init(name: String, channel: Channel? = nil, marketplace: Marketplace? = nil, replyMinutes: Double) {
            self.name = name
            self.channel = channel
            self.marketplace = marketplace
            self.replyMinutes = replyMinutes
        }

        func matches(_ facts: ConversationFacts) -> Bool {
            (channel == nil || channel == facts.channel) && (marketplace == nil || marketplace == facts.marketplace)
        }
    }

    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    public func rule(for facts: ConversationFacts) -> Rule? {
        rules.first { $0.matches(facts) }
    }

    public func clocks(for facts: ConversationFacts) -> [ReplyClock] {
        guard facts.status == .open, let since = facts.awaitingSince, let rule = rule(for: facts) else { return [] }
        let target = rule.replyMinutes * 60
        return [ReplyClock(
            kind: facts.hasReplied ? .nextReply : .firstReply, policy: rule.name, started: since,
            due: since.addingTimeInterval(target), target: target
        )]
    }
}
