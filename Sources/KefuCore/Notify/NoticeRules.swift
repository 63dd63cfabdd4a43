import Foundation

/// The rules a notice run follows, from `notify:` in kefu.yaml (defaults below):
///
///     notify:
///       rate_per_minute:            # per channel: delivery hands over no faster than this
///         email: 600
///         marketplace: 60
///         chat: 60
///       marketing_forbidden: [amazon]   # marketplaces that take only order-related notices
///       confirm_above: 1000             # more recipients than this need --yes
///
/// Amazon's rule is the one DOMAIN.md states; other marketplaces have rules of their own
/// that change, so they are the user's to add here rather than facts in code.
public struct NoticeRules: Sendable, Hashable {
    public var ratePerMinute: [Channel: Int]
    public var marketingForbidden: Set<Marketplace>
    public var confirmAbove: Int

    public init(
        ratePerMinute: [Channel: Int] = [.email: 600, .marketplace: 60, .chat: 60], marketingForbidden: Set<Marketplace> = [.amazon],
        confirmAbove: Int = 1000
    ) {
        self.ratePerMinute = ratePerMinute
        self.marketingForbidden = marketingForbidden
        self.confirmAbove = confirmAbove
    }

    public static let standard = NoticeRules()

    /// The spacing of queued notices that these rates give.
    public var pace: NoticePace {
        NoticePace(ratePerMinute: ratePerMinute)
    }
}
