/// One suspicious signal on one link: which signal, which host, and where the link is.
public struct LinkFinding: Sendable, Hashable {
    public var signal: LinkSignal
    /// The host as the link really resolves it (lowercased; punycode decoded in `detail`).
    public var host: String
    /// The link as written.
    public var url: String
    /// Where the link is in the text that was checked.
    public var range: Range<String.Index>
    /// What exactly was seen, naming the host: shown to the agent.
    public var detail: String

    public init(signal: LinkSignal, host: String, url: String, range: Range<String.Index>, detail: String) {
        self.signal = signal
        self.host = host
        self.url = url
        self.range = range
        self.detail = detail
    }
}
