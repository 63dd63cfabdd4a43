/// How replies leave Kefu (config section `mail:`):
///
///     mail:
///       from: "Shop Team <support@shop.example>"
///       sendmail: [msmtp, -C, /home/li/.msmtprc, -t, -i]   # a sendmail-compatible command
///       marketplace_outbox: ~/kefu/outbox                  # JSON Lines for marketplace connectors
///       marketplace_command:                               # or: a connector command per marketplace
///         amazon: [/opt/connectors/amazon-send, --live]
///       utc_offset: "+08:00"                               # for the Date header
///
/// Email replies (to conversations that came in as mail) go through `sendmail` with the
/// message on standard input. Other replies go to the marketplace's command when one is set
/// (one JSON line on standard input, exit 0 = handed over), else are appended as JSON Lines to
/// `marketplace_outbox/replies.jsonl`, which a connector reads.
public struct MailSettings: Sendable, Hashable {
    public var from: MailAddress?
    public var sendmail: [String]
    public var marketplaceOutbox: String?
    /// Connector commands by marketplace; `allMarketplaces` for one command that takes them all.
    public var marketplaceCommands: [String: [String]]
    public var utcOffsetSeconds: Int
    /// More addresses the team sends from besides `from` (`our_addresses`): mail from any of them
    /// (a synced Sent folder, a reply written in another mail client) is the team's reply.
    public var ourAddresses: [String] = []

    /// The key of `marketplaceCommands` for a command that takes every marketplace's replies.
    public static let allMarketplaces = "*"

    public init(
        from: MailAddress? = nil, sendmail: [String] = [], marketplaceOutbox: String? = nil,
        marketplaceCommands: [String: [String]] = [:], utcOffsetSeconds: Int = 0, ourAddresses: [String] = []
    ) {
        self.ourAddresses = ourAddresses
        self.from = from
        self.sendmail = sendmail
        self.marketplaceOutbox = marketplaceOutbox
        self.marketplaceCommands = marketplaceCommands
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The command that takes this marketplace's replies, if one is configured.
    public func marketplaceCommand(for marketplace: Marketplace) -> [String]? {
        marketplaceCommands[marketplace.rawValue] ?? marketplaceCommands[Self.allMarketplaces]
    }

    /// Every address the team sends from, lower-cased: `from` and `our_addresses`.
    public var teamAddresses: Set<String> {
        Set(([from?.address].compactMap { $0 } + ourAddresses).map { $0.lowercased() })
    }

    /// The domain of `from`, used on the right of the Message-IDs Kefu makes.
    public var messageIDDomain: String? {
        guard let address = from?.address, let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }
}
