import Foundation

/// Runs the follow-up rules over the stored orders (at an import of orders or carrier events,
/// and by `kefu followups check`): parcel-driven follow-ups get their times worked out again,
/// then every rule that fires on an order opens its speak-first item once.
public enum FollowUpRunner {
    /// One speak-first item a run opened.
    public struct Raised: Sendable, Hashable, Codable {
        public var rule: String
        public var orderID: String
        public var ticketID: Int64
    }

    public struct Outcome: Sendable, Hashable {
        /// Items opened this run.
        public var raised: [Raised] = []
        /// Rules that had fired on an order before (kept as they were).
        public var alreadyRaised = 0
        /// Parcel-driven follow-ups whose time moved.
        public var parcelFollowUpsMoved = 0
    }

    /// A rule names a template the library does not have.
    public struct MissingTemplate: Error, Sendable, Hashable, CustomStringConvertible {
        public var rule: String
        public var template: String
        public var description: String {
            "follow-up rule '\(rule)' names the template '\(template)', which is not in the template library (kefu templates lists them)"
        }
    }

    public static func run(
        store: any ProactiveFollowUpStore, rules: FollowUpRules, templates: TemplateLibrary, agentName: String,
        storeName: String, now: Date
    ) throws -> Outcome {
        for rule in rules.rules where templates.template(named: rule.template) == nil {
            throw MissingTemplate(rule: rule.name, template: rule.template)
        }
        var outcome = Outcome()
        outcome.parcelFollowUpsMoved = try store.refreshParcelFollowUps(now: now)
        for facts in try store.ordersForFollowUps() {
            for fired in rules.evaluate(facts, now: now) {
                let template = templates.template(named: fired.template)!
                let language = FollowUpRules.language(country: facts.order.shippingAddress?.country)
                let raised = try store.raise(fired, language: language, draft: { ticket in
                    let context = TemplateContext.make(ticket: ticket, order: facts.order, agentName: agentName, storeName: storeName)
                    return TemplateRenderer.render(template.body(for: ticket.language ?? language).text, with: context)
                }, now: now)
                if let ticketID = raised {
                    outcome.raised.append(Raised(rule: fired.rule, orderID: fired.orderID, ticketID: ticketID))
                } else {
                    outcome.alreadyRaised += 1
                }
            }
        }
        return outcome
    }
}
