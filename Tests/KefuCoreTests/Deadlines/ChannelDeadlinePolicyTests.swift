import Foundation
import Testing
import KefuResources
@testable import KefuCore

@Suite("Per-channel deadline policy (Resources/policies.json)")
struct ChannelDeadlinePolicyTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    func facts(_ channel: Channel, _ marketplace: Marketplace, replied: Bool = false) -> ConversationFacts {
        ConversationFacts(channel: channel, marketplace: marketplace, status: .open, awaitingSince: start, hasReplied: replied)
    }

    @Test func shippedRules() throws {
        let policy = try ChannelDeadlinePolicy(contentsOf: KefuResources.policiesFile)
        let amazon = try #require(policy.clocks(for: facts(.marketplace, .amazon)).nearest)
        #expect(amazon.due == start.addingTimeInterval(24 * 3600))
        #expect(amazon.kind == .firstReply)
        #expect(amazon.policy == "amazon-messages")
        let chat = try #require(policy.clocks(for: facts(.chat, .shopify)).nearest)
        #expect(chat.due == start.addingTimeInterval(5 * 60))
        let walmart = try #require(policy.clocks(for: facts(.marketplace, .walmart, replied: true)).nearest)
        #expect(walmart.due == start.addingTimeInterval(48 * 3600))
        #expect(walmart.kind == .nextReply)
    }

    @Test("No clock runs when the seller had the last word or the ticket is not open")
    func noClock() {
        let policy = ChannelDeadlinePolicy(rules: [.init(name: "all", replyMinutes: 60)])
        var answered = facts(.email, .shopify)
        answered.awaitingSince = nil
        #expect(policy.clocks(for: answered).isEmpty)
        var solved = facts(.email, .shopify)
        solved.status = .solved
        #expect(policy.clocks(for: solved).isEmpty)
    }

    @Test("A broken policy file names the file and the field")
    func brokenFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("policies-\(UUID().uuidString).json")
        try Data(#"{"rules": [{"name": "x", "reply_minutes": "soon"}]}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = #expect(throws: ConfigError.self) { try ChannelDeadlinePolicy(contentsOf: url) }
        #expect(error?.file == url.path)
        #expect(error?.message.contains("reply_minutes") == true)
    }
}
