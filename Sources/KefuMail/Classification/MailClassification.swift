import KefuCore

/// Where a message came from: the channel, the marketplace, the relay address that stands for
/// the buyer, and the order it is about.
public struct MailClassification: Sendable, Hashable {
    public var channel: Channel
    public var marketplace: Marketplace
    /// The marketplace relay address of the buyer (lowercased), when a marketplace relayed it.
    public var relayAddress: String?
    public var orderID: String?

    public init(channel: Channel, marketplace: Marketplace, relayAddress: String? = nil, orderID: String? = nil) {
        self.channel = channel
        self.marketplace = marketplace
        self.relayAddress = relayAddress
        self.orderID = orderID
    }

    /// Classifies by the sender's addresses (From, then Reply-To, then Sender); mail from no
    /// known marketplace is email to the seller's own store, recorded as `ownStore`.
    public static func classify(
        senders: [MailAddress], subject: String, body: String, ownStore: Marketplace = .shopify
    ) -> MailClassification {
        for sender in senders {
            guard let at = sender.address.lastIndex(of: "@") else { continue }
            let domain = String(sender.address[sender.address.index(after: at)...])
            guard let marketplace = MarketplaceDetector.marketplace(forDomain: domain) else { continue }
            let order = OrderIDFinder.find(subject: subject, body: body, marketplace: marketplace)
            if marketplace == .shopify {
                return MailClassification(channel: .email, marketplace: .shopify, orderID: order)
            }
            return MailClassification(
                channel: .marketplace, marketplace: marketplace, relayAddress: sender.address.lowercased(), orderID: order)
        }
        return MailClassification(
            channel: .email, marketplace: ownStore, orderID: OrderIDFinder.find(subject: subject, body: body, marketplace: ownStore))
    }
}
