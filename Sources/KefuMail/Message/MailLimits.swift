import KefuCore

/// Bounds that keep one hostile or broken message from taking the importer down; a message
/// beyond them is refused with a reason (and quarantined by the caller), never half-read.
public struct MailLimits: Sendable, Hashable {
    /// The whole message, attachments included.
    public var maximumMessageBytes: Int
    /// The decoded text the agent reads; the store refuses larger bodies anyway.
    public var maximumTextBytes: Int
    /// Multipart nesting; real mail rarely goes past 5, mail bombs go to thousands.
    public var maximumDepth: Int
    /// MIME parts in the whole message.
    public var maximumParts: Int

    public init(
        maximumMessageBytes: Int = 50 << 20, maximumTextBytes: Int = IngestParser.maximumBodyBytes,
        maximumDepth: Int = 20, maximumParts: Int = 1000
    ) {
        self.maximumMessageBytes = maximumMessageBytes
        self.maximumTextBytes = maximumTextBytes
        self.maximumDepth = maximumDepth
        self.maximumParts = maximumParts
    }
}
