import Foundation

/// Works out a notice run: for each recipient, whether it may go (opted out, a marketplace
/// that forbids marketing, no address), and the template filled in their language with their
/// name, order and tracking, plus the fields given for everyone. Pure: the same input gives
/// the same plan, so a dry run shows exactly what the real run queues.
///
/// Filled per recipient (besides `--field`s, which win): `customer_name`,
/// `customer_first_name`, `order_id`, `tracking_number`, `carrier`, `tracking_url` (the
/// order's newest parcel), `agent_name`, `store_name`, `signature`. Everything that came from
/// a customer or an import is made one safe line first.
public enum NoticePlanner {
    public struct Input: Sendable {
        public var template: Template
        public var recipients: [NoticeRecipient]
        public var campaign: String
        public var purpose: NoticePurpose
        public var rules: NoticeRules
        /// `--field name=value`: filled for everyone.
        public var fields: [String: String]
        public var agentName: String
        public var storeName: String
        /// The notice's subject line (the mail's Subject, the ticket's subject).
        public var subject: String
        /// A tracking page for a parcel (`{n}` in the universal template otherwise).
        public var trackingURL: @Sendable (Parcel) -> String

        public init(
            template: Template, recipients: [NoticeRecipient], campaign: String, purpose: NoticePurpose, rules: NoticeRules,
            fields: [String: String], agentName: String, storeName: String, subject: String,
            trackingURL: @escaping @Sendable (Parcel) -> String = { "https://t.17track.net/en#nums=\($0.trackingNumber)" }
        ) {
            self.template = template
            self.recipients = recipients
            self.campaign = campaign
            self.purpose = purpose
            self.rules = rules
            self.fields = fields
            self.agentName = agentName
            self.storeName = storeName
            self.subject = subject
            self.trackingURL = trackingURL
        }
    }

    public static func plan(_ input: Input) -> NoticePlan {
        var notices: [Notice] = []
        var held: [HeldBackNotice] = []
        var unfilled: [UnfilledNotice] = []
        var fallbacks: [String: (wanted: String?, used: String, count: Int)] = [:]
        notices.reserveCapacity(input.recipients.count)
        for recipient in input.recipients {
            let name = TerminalSanitizer.oneLine(recipient.name)
            if let reason = holdReason(recipient, input: input) {
                held.append(HeldBackNotice(recipient: recipient.key, name: name, reason: reason))
                continue
            }
            let context = context(for: recipient, name: name, input: input)
            let filled = input.template.rendered(for: recipient.language, with: context)
            var seen = Set<String>()
            let missing = TemplateRenderer.placeholders(in: filled.text).filter { seen.insert($0).inserted }
            if !missing.isEmpty {
                unfilled.append(UnfilledNotice(recipient: recipient.key, name: name, fields: missing))
                continue
            }
            let wanted = recipient.language.map(primary)
            if wanted != filled.language {
                let label = "\(wanted ?? "?")>\(filled.language)"
                fallbacks[label, default: (wanted, filled.language, 0)].count += 1
            }
            notices.append(Notice(
                key: NoticeCampaign.key(campaign: input.campaign, recipient: recipient.key), campaign: input.campaign,
                recipient: recipient.key, customerID: recipient.customerID, customerName: name,
                address: TerminalSanitizer.oneLine(recipient.address), marketplace: recipient.marketplace, channel: recipient.channel,
                language: filled.language, subject: TerminalSanitizer.oneLine(input.subject), body: filled.text,
                orderID: recipient.orderID, author: input.agentName))
        }
        return NoticePlan(
            campaign: input.campaign, recipients: input.recipients.count, notices: notices, heldBack: held, unfilled: unfilled,
            fallbacks: fallbacks.values.sorted { ($0.count, $0.used) > ($1.count, $1.used) }
                .map { LanguageFallback(wanted: $0.wanted, used: $0.used, count: $0.count) })
    }

    /// Why a recipient gets nothing, in the order the command reports it.
    static func holdReason(_ recipient: NoticeRecipient, input: Input) -> HeldBackNotice.Reason? {
        if let at = recipient.optedOutAt { return .optedOut(at) }
        if input.purpose == .marketing, input.rules.marketingForbidden.contains(recipient.marketplace) {
            return .marketingForbidden(recipient.marketplace)
        }
        if input.purpose == .order, recipient.orderID == nil { return .noOrder }
        if recipient.channel == .email, CustomerKey.email(recipient.address) == nil { return .noAddress }
        return nil
    }

    static func context(for recipient: NoticeRecipient, name: String, input: Input) -> TemplateContext {
        var context = TemplateContext()
        context["agent_name"] = input.agentName
        context["store_name"] = input.storeName
        context["signature"] = "\(input.agentName)\n\(input.storeName)"
        if !name.isEmpty {
            context["customer_name"] = name
            context["customer_first_name"] = String(name.split(separator: " ").first ?? Substring(name))
        }
        context["order_id"] = recipient.orderID.map(TerminalSanitizer.oneLine)
        if let parcel = recipient.parcel {
            context["tracking_number"] = TerminalSanitizer.oneLine(parcel.trackingNumber)
            context["carrier"] = TerminalSanitizer.oneLine(parcel.carrier)
            context["tracking_url"] = TerminalSanitizer.oneLine(input.trackingURL(parcel))
        }
        for (field, value) in input.fields { context[field] = TerminalSanitizer.clean(value) }
        return context
    }

    private static func primary(_ language: String) -> String {
        String(language.lowercased().prefix { $0 != "-" && $0 != "_" })
    }
}
