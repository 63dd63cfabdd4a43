import Foundation

/// The simple deadline rules of `Resources/policies.json`: one reply target per channel or
/// marketplace, counted in calendar time, first matching rule wins.
///
///     {"rules": [{"name": "amazon-messages", "marketplace": "amazon", "reply_minutes": 1440},
///                {"name": "live-chat", "channel": "chat", "reply_minutes": 5},
///                {"name": "default", "reply_minutes": 1440}]}
public struct ChannelDeadlinePolicy: DeadlinePolicy, Sendable, Hashable {
    public struct Rule: Sendable, Hashable, Codable {
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

        enum CodingKeys: String, CodingKey {
            case name, channel, marketplace
            case replyMinutes = "reply_minutes"
        }

        func matches(_ facts: ConversationFacts) -> Bool {
            (channel == nil || channel == facts.channel) && (marketplace == nil || marketplace == facts.marketplace)
        }
    }

    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// Reads the policy file; the error names the file and what was wrong.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConfigError(file: url.path, message: "cannot read the file (\(error.localizedDescription))")
        }
        struct File: Codable { var rules: [Rule] }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            guard !file.rules.isEmpty else { throw ConfigError(file: url.path, message: "no rules") }
            for (index, rule) in file.rules.enumerated() where rule.replyMinutes <= 0 {
                throw ConfigError(file: url.path, message: "rule \(index + 1) (\(rule.name)): reply_minutes must be positive")
            }
            self.rules = file.rules
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: url.path, message: ConfigError.describe(error))
        }
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
