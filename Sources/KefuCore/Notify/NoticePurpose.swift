import Foundation

/// What a notice is for, which decides where it may go. Amazon's buyer-seller messaging (and
/// any marketplace `NoticeRules.marketingForbidden` names) takes only messages about an order
/// the buyer placed, never marketing; so a notice counts as marketing unless the sender says
/// it is about the order (`--purpose order`), and a pre-sale template is always marketing.
public enum NoticePurpose: String, Sendable, Hashable, CaseIterable {
    /// About the recipient's own order: shipping, a delay, a customs hold, tracking.
    case order
    /// Anything else: new items, offers, asking to buy again.
    case marketing
}
