import Foundation
import KefuCore
import KefuStore

/// A real SQLite store in a fresh temporary folder, removed when the value goes away.
public final class TemporaryStore: @unchecked Sendable {
    public let folder: URL
    public let store: SQLiteTicketStore
    public var path: String { store.path }

    public init(policy: any DeadlinePolicy = TestPolicy.standard, name: String = "kefu.sqlite") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteTicketStore(path: folder.appendingPathComponent(name).path, policy: policy)
    }

    /// Another connection to the same file, as a second kefu process would open it.
    public func reopen(policy: any DeadlinePolicy = TestPolicy.standard) throws -> SQLiteTicketStore {
        try SQLiteTicketStore(path: path, policy: policy)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Deadline rules with round numbers, so tests can work out dues by hand.
public enum TestPolicy {
    public static let standard = ChannelDeadlinePolicy(rules: [
        .init(name: "chat", channel: .chat, replyMinutes: 5),
        .init(name: "amazon", marketplace: .amazon, replyMinutes: 24 * 60),
        .init(name: "default", replyMinutes: 8 * 60),
    ])
}

extension TestPolicy {
    /// The SLA engine with two layers in calendar hours, so dues can be worked out by hand:
    /// Amazon's 24 hours (never paused) and the team's own hours, paused while waiting on the
    /// customer or on hold.
    public static func layered(teamHours: Double = 4, fingerprint: String? = "test") throws -> SLAEngine {
        var engine = try SLAEngine(SLAConfiguration(
            layers: ["marketplace", "team"],
            policies: [
                SLAPolicy(name: "amazon", layer: "marketplace",
                          targets: [.firstReply: .calendar(seconds: 24 * 3600), .nextReply: .calendar(seconds: 24 * 3600)]),
                SLAPolicy(name: "team", layer: "team",
                          targets: [.firstReply: .calendar(seconds: teamHours * 3600), .nextReply: .calendar(seconds: teamHours * 3600)],
                          pausesOn: [.waitingOnCustomer, .onHold]),
            ],
            calendars: [:], teamCalendar: nil))
        engine.fingerprint = fingerprint
        return engine
    }
}

/// Builders for messages as `kefu ingest` would read them.
public enum Fixture {
    public static let base = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T...

    public static func message(
        _ id: String, conversation: String, direction: MessageDirection = .inbound, at minutes: Double,
        channel: Channel = .marketplace, marketplace: Marketplace = .amazon, from: String = "Anna Müller <anna@example.de>",
        subject: String = "Wo ist mein Paket?", body: String = "Hallo, wo ist mein Paket?", order: String? = nil,
        language: String? = "de"
    ) -> IngestRecord {
        IngestRecord(
            id: id, conversation: conversation, channel: channel, marketplace: marketplace, direction: direction,
            from: direction == .inbound ? from : "Shop <shop@example.com>", to: direction == .inbound ? "shop@example.com" : from,
            at: base.addingTimeInterval(minutes * 60), subject: subject, body: body, order: order, language: language)
    }

    /// Customers whose names exercise wide characters, Cyrillic, diacritics and emoji.
    public static let internationalNames = [
        "佐藤 花子 <hanako@example.jp>", "Анна Смирнова <anna@example.ru>", "Zoé Lefèvre <zoe@example.fr>",
        "王小明 🙂 <xm@example.cn>", "José Martínez <jose@example.es>",
    ]
}
