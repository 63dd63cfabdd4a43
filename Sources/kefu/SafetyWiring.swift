import Foundation
import KefuCore

extension Wiring {
    /// The scam checks as configured: the shipped brands plus `safety.brands`, the shop's own
    /// domains (`safety.own_domains` and the `mail.from` domain), the carriers' tracking hosts
    /// from the carrier table, and `safety.allowed_hosts`.
    static func messageSafety() throws -> MessageSafety {
        MessageSafety(policy: try linkSafetyPolicy())
    }

    static func linkSafetyPolicy() throws -> LinkSafetyPolicy {
        let configuration = try configuration()
        let carriers = try carrierTable()
        let trackingHosts = (carriers.entries.compactMap { $0.url?.template } + [carriers.universal.url.template])
            .compactMap { FoundLink(url: $0, range: $0.startIndex..<$0.startIndex).host }
            .filter { !$0.isEmpty }
        return configuration.safety.policy(
            protectedDomains: Array(Set(trackingHosts)).sorted(),
            moreOwnDomains: configuration.mail.messageIDDomain.map { [$0] } ?? [])
    }
}
