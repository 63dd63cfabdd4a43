import Foundation
import KefuCore

/// Reads the `notify` section of a config file (every field optional; defaults shown):
///
///     notify:
///       rate_per_minute: {email: 600, marketplace: 60, chat: 60}
///       marketing_forbidden: [amazon]     # marketplaces that take order-related notices only
///       confirm_above: 1000               # more recipients than this need --yes
enum NotifySectionReader {
    static func read(_ section: ConfigNode) throws -> NoticeRules {
        var rules = NoticeRules.standard
        let fields = try section.fields(["rate_per_minute", "marketing_forbidden", "confirm_above"])
        if let rates = fields["rate_per_minute"] {
            let values = try rates.fields(Channel.allCases.map(\.rawValue))
            for channel in Channel.allCases {
                guard let node = values[channel.rawValue] else { continue }
                let text = try node.text()
                guard let rate = Int(text), (1...100_000).contains(rate) else {
                    throw node.error("\"\(text)\" is not a number of notices a minute from 1 to 100000")
                }
                rules.ratePerMinute[channel] = rate
            }
        }
        if let forbidden = fields["marketing_forbidden"] {
            rules.marketingForbidden = Set(try forbidden.items().map { item in
                let text = try item.text().lowercased()
                guard let marketplace = Marketplace(rawValue: text) else {
                    throw item.error("\"\(text)\" is not a marketplace (known: \(Marketplace.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return marketplace
            })
        }
        if let node = fields["confirm_above"] {
            let text = try node.text()
            guard let value = Int(text), value >= 0 else { throw node.error("\"\(text)\" is not a whole number of recipients") }
            rules.confirmAbove = value
        }
        return rules
    }
}
