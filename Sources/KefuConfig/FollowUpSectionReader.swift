import Foundation
import KefuCore

/// Reads the `followups` section: the order-driven follow-up rules (`FollowUpRules`). Without
/// the section the shipped defaults apply; `rules: []` turns them all off.
///
///     followups:
///       rules:
///         - {name: address, when: incomplete-address, template: address-check}
///         - {name: silent, when: tracking-silent, days: 7, template: parcel-in-transit}
///         - {name: customs, when: customs-hold, template: customs-delay}
///         - {name: late-shipment, when: shipped-late, grace_days: 1, template: shipping-delay}
enum FollowUpSectionReader {
    static let reasons = ["incomplete-address", "tracking-silent", "customs-hold", "shipped-late"]

    static func read(_ section: ConfigNode) throws -> FollowUpRules {
        let fields = try section.fields(["rules"])
        guard let list = fields["rules"] else { throw section.error("the followups section needs 'rules' (a list; [] for none)") }
        if case .sequence(let sequence) = list.node, sequence.isEmpty { return FollowUpRules(rules: []) }
        var names = Set<String>()
        let rules = try list.items().map { item -> FollowUpRule in
            let rule = try item.fields(["name", "when", "template", "days", "grace_days"])
            guard let nameNode = rule["name"] else { throw item.error("a follow-up rule needs a 'name'") }
            let name = try nameNode.text()
            guard !name.isEmpty, name.count <= 40, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw nameNode.error("rule name \"\(name)\" must be letters, digits, - or _ (at most 40)")
            }
            guard names.insert(name).inserted else { throw nameNode.error("a second rule named '\(name)'") }
            guard let templateNode = rule["template"] else { throw item.error("rule '\(name)' needs a 'template' (a template name)") }
            let template = try templateNode.text()
            guard let whenNode = rule["when"] else {
                throw item.error("rule '\(name)' needs 'when' (one of \(reasons.joined(separator: ", ")))")
            }
            func number(_ key: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
                guard let node = rule[key] else { return value }
                let text = try node.text()
                guard let n = Int(text), range.contains(n) else {
                    throw node.error("\(key) \"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return n
            }
            let reason: FollowUpRule.Reason
            switch try whenNode.text() {
            case "incomplete-address": reason = .incompleteAddress
            case "tracking-silent": reason = .trackingSilent(days: try number("days", default: 7, range: 1...365))
            case "customs-hold": reason = .customsHold
            case "shipped-late": reason = .shippedLate(graceDays: try number("grace_days", default: 0, range: 0...60))
            case let other:
                throw whenNode.error("\"\(other)\" is not a follow-up reason (one of \(reasons.joined(separator: ", ")))")
            }
            if rule["days"] != nil, case .trackingSilent = reason {} else if let days = rule["days"] {
                throw days.error("'days' belongs to a tracking-silent rule")
            }
            if rule["grace_days"] != nil, case .shippedLate = reason {} else if let grace = rule["grace_days"] {
                throw grace.error("'grace_days' belongs to a shipped-late rule")
            }
            return FollowUpRule(name: name, reason: reason, template: template)
        }
        return FollowUpRules(rules: rules)
    }
}
