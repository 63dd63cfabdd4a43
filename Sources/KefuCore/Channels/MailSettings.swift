/// How replies leave Kefu (config section `mail:`):
///
///     mail:
///       from: "Shop Team <support@shop.example>"
///       sendmail: [msmtp, -C, /home/li/.msmtprc, -t, -i]   # a sendmail-compatible command
///       marketplace_outbox: ~/kefu/outbox                  # JSON Lines for marketplace connectors
///       utc_offset: "+08:00"                               # for the Date header
///
/// Email replies (to conversations that came in as mail) go through `sendmail` with the
/// message on standard input; other replies are appended as JSON Lines to
/// `marketplace_outbox/replies.jsonl`, which a connector reads.
public struct MailSettings: Sendable, Hashable {
    public var from: MailAddress?
    public var sendmail: [String]
    public var marketplaceOutbox: String?
    public var utcOffsetSeconds: Int

    public init(from: MailAddress? = nil, sendmail: [String] = [], marketplaceOutbox: String? = nil, utcOffsetSeconds: Int = 0) {
        self.from = from
        self.sendmail = sendmail
        self.marketplaceOutbox = marketplaceOutbox
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The domain of `from`, used on the right of the Message-IDs Kefu makes.
    public var messageIDDomain: String? {
        guard let address = from?.address, let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }
}
