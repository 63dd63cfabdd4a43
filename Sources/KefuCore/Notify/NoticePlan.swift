import Foundation

/// What a notice run would do, worked out before anything is stored: the notices to queue,
/// who is held back and why, who has a field nobody filled, and which languages fell back.
public struct NoticePlan: Sendable, Hashable {
    public var campaign: String
    /// Everyone the selection matched.
    public var recipients: Int
    public var notices: [Notice]
    public var heldBack: [HeldBackNotice]
    public var unfilled: [UnfilledNotice]
    /// "de" → "en": how many customers of a language got another variant (nil: language unknown).
    public var fallbacks: [LanguageFallback]

    public init(campaign: String, recipients: Int, notices: [Notice], heldBack: [HeldBackNotice], unfilled: [UnfilledNotice],
                fallbacks: [LanguageFallback]) {
        self.campaign = campaign
        self.recipients = recipients
        self.notices = notices
        self.heldBack = heldBack
        self.unfilled = unfilled
        self.fallbacks = fallbacks
    }

    /// Nothing may be queued while anyone has an unfilled field.
    public var isComplete: Bool { unfilled.isEmpty }

    /// The held-back count per reason, in a fixed order, for the summary lines.
    public var heldBackCounts: [(reason: String, count: Int)] {
        var counts: [String: Int] = [:]
        for held in heldBack { counts[held.reason.summary, default: 0] += 1 }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    /// Each unfilled field with how many recipients lack it.
    public var unfilledCounts: [(field: String, count: Int)] {
        var counts: [String: Int] = [:]
        for entry in unfilled { for field in entry.fields { counts[field, default: 0] += 1 } }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }
}

/// A recipient the run leaves out, with the reason it says.
public struct HeldBackNotice: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        case optedOut(Date)
        /// A marketing notice to a marketplace that allows only order-related messages.
        case marketingForbidden(Marketplace)
        /// Mail needs an address and none is known.
        case noAddress
        /// An order notice (`--purpose order`) to a customer with no order.
        case noOrder

        /// One line per kind, the same for every recipient (for the counts).
        public var summary: String {
            switch self {
            case .optedOut: "opted out (asked to unsubscribe)"
            case .marketingForbidden(let marketplace): "\(marketplace.displayName) allows only order-related messages (--purpose order if it is about their order)"
            case .noAddress: "no email address known"
            case .noOrder: "no order to be about (--purpose order)"
            }
        }
    }

    public var recipient: NoticeRecipient.Key
    public var name: String
    public var reason: Reason

    public init(recipient: NoticeRecipient.Key, name: String, reason: Reason) {
        self.recipient = recipient
        self.name = name
        self.reason = reason
    }
}

/// A recipient whose notice still has `{placeholders}` after filling.
public struct UnfilledNotice: Sendable, Hashable {
    public var recipient: NoticeRecipient.Key
    public var name: String
    public var fields: [String]

    public init(recipient: NoticeRecipient.Key, name: String, fields: [String]) {
        self.recipient = recipient
        self.name = name
        self.fields = fields
    }
}

/// Customers of `wanted` (nil: no language known) who got the `used` variant.
public struct LanguageFallback: Sendable, Hashable {
    public var wanted: String?
    public var used: String
    public var count: Int

    public init(wanted: String?, used: String, count: Int) {
        self.wanted = wanted
        self.used = used
        self.count = count
    }
}
