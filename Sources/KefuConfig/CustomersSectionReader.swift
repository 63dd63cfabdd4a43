import Foundation
import KefuCore

/// Reads the `customers` section of a config file (every field optional; defaults shown):
///
///     customers:
///       vip: [C12, anna@example.de]     # customer ids or addresses that are always vip
///       segments:
///         new_days: 30                  # one order, placed within this many days: new
///         at_risk_days: 90              # last order older than this: at risk
///         lapsed_days: 180              # last order older than this: lapsed
///         loyal_frequency: 4            # F score at least this (and R at least loyal_recency): loyal
///         loyal_recency: 3
///         big_spender_monetary: 5       # M score at least this: big spender
enum CustomersSectionReader {
    static func read(_ section: ConfigNode) throws -> SegmentRules {
        var rules = SegmentRules()
        let fields = try section.fields(["vip", "segments"])
        if let vip = fields["vip"] {
            rules.vip = Set(try vip.items().map { try $0.text().lowercased() })
        }
        if let segments = fields["segments"] {
            let known = ["new_days", "at_risk_days", "lapsed_days", "loyal_frequency", "loyal_recency", "big_spender_monetary"]
            let values = try segments.fields(known)
            func number(_ name: String, range: ClosedRange<Int>) throws -> Int? {
                guard let node = values[name] else { return nil }
                let text = try node.text()
                guard let value = Int(text), range.contains(value) else {
                    throw node.error("\"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return value
            }
            rules.newDays = try number("new_days", range: 1...36_500) ?? rules.newDays
            rules.atRiskDays = try number("at_risk_days", range: 1...36_500) ?? rules.atRiskDays
            rules.lapsedDays = try number("lapsed_days", range: 1...36_500) ?? rules.lapsedDays
            rules.loyalFrequency = try number("loyal_frequency", range: 1...5) ?? rules.loyalFrequency
            rules.loyalRecency = try number("loyal_recency", range: 1...5) ?? rules.loyalRecency
            rules.bigSpenderMonetary = try number("big_spender_monetary", range: 1...5) ?? rules.bigSpenderMonetary
            if rules.lapsedDays < rules.atRiskDays {
                throw (values["lapsed_days"] ?? segments).error("lapsed_days (\(rules.lapsedDays)) must not be less than at_risk_days (\(rules.atRiskDays))")
            }
        }
        return rules
    }
}
