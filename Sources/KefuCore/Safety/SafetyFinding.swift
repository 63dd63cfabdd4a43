/// One thing about an incoming message that looks like a scam, as stored with the message and
/// shown to the agent: on the queue row (`⚠ link`), at the top of the thread, in `kefu show`.
///
/// Text fields may hold what the sender wrote (a host, a file name): sanitise before drawing.
public struct SafetyFinding: Sendable, Hashable, Codable {
    /// What kind of thing was flagged; its `word` is the queue row's mark.
    public var category: SafetyCategory
    /// Which rule fired: a `LinkSignal`, `AttachmentSignal`, `SenderSignal` or `WordingSignal` raw value.
    public var signal: String
    /// What was flagged, safe to show: a link defanged (`hxxps://amazon-verify[.]co/…`), a file
    /// name, a sender address, a phrase.
    public var shown: String
    /// What a scam wave groups on: the host a link goes to, the sender's domain, or the phrase.
    public var key: String?
    /// One sentence naming what was seen ("link text says amazon.com, goes to amazon-verify.co").
    public var detail: String

    public init(category: SafetyCategory, signal: String, shown: String, key: String?, detail: String) {
        self.category = category
        self.signal = signal
        self.shown = shown
        self.key = key
        self.detail = detail
    }
}

/// The four places a scam shows itself, each with the word the queue row prints after `⚠`.
public enum SafetyCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case link, attachment, sender, wording

    /// The word after `⚠` on the queue row: the mark is never colour alone.
    public var word: String {
        switch self {
        case .link: "link"
        case .attachment: "file"
        case .sender: "sender"
        case .wording: "scam"
        }
    }
}

extension [SafetyFinding] {
    /// The queue row's word for these findings: the first category in order of danger.
    public var markWord: String? {
        for category in [SafetyCategory.attachment, .link, .sender, .wording] where contains(where: { $0.category == category }) {
            return category.word
        }
        return nil
    }
}
