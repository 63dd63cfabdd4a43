import Foundation

/// Several customers in a short time mention the same suspicious host or scam phrase: a scam
/// campaign is under way and the team should warn its buyers (issue 16, item 4).
public struct ScamWave: Sendable, Hashable {
    /// The host (`amazon-gift-fr.com`) or phrase key (`gift card prize`) they share.
    public var key: String
    /// Whether `key` is a host (shown defanged) or a phrase.
    public var isHost: Bool
    /// Distinct customers whose messages carried it in the window.
    public var customers: Int
    /// The first of those messages.
    public var since: Date

    public init(key: String, isHost: Bool, customers: Int, since: Date) {
        self.key = key
        self.isHost = isHost
        self.customers = customers
        self.since = since
    }

    /// The dashboard's line: "12 customers since 09:00 mention amazon-gift-fr[.]com".
    public func summary(timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: since)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        let what = isHost ? Defang.host(key) : "'\(key)'"
        return "\(customers) customers since \(time) mention \(what)"
    }
}

/// When findings make a wave: how many distinct customers within how long (`safety.wave` in
/// `kefu.yaml`).
public struct ScamWaveRule: Sendable, Hashable {
    public var minimumCustomers: Int
    public var window: TimeInterval

    public init(minimumCustomers: Int = 3, window: TimeInterval = 6 * 3600) {
        self.minimumCustomers = minimumCustomers
        self.window = window
    }

    /// The name of the shipped template the dashboard offers as the team's answer.
    public static let templateName = "scam-warning"
}

/// The store's side of the scam checks.
public protocol SafetyStore: AnyObject, Sendable {
    /// Hosts and phrases that at least `rule.minimumCustomers` customers mentioned since
    /// `now - rule.window`, most customers first.
    func scamWaves(now: Date, rule: ScamWaveRule) throws -> [ScamWave]
}
