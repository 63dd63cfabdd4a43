/// What the scam checks read of a message coming in: the sender, the words, the links of its
/// HTML (target and visible text, which the readable text may have merged), its files and the
/// receiving server's verdict on the sender.
public struct IncomingMessage: Sendable {
    public var from: String
    public var subject: String
    public var body: String
    /// `<a href>` links of the HTML part with their visible text.
    public var htmlLinks: [LinkAnchor]
    public var attachments: [IncomingAttachment]
    /// Values of the `Authentication-Results` header fields.
    public var authenticationResults: [String]

    public init(
        from: String, subject: String = "", body: String, htmlLinks: [LinkAnchor] = [],
        attachments: [IncomingAttachment] = [], authenticationResults: [String] = []
    ) {
        self.from = from
        self.subject = subject
        self.body = body
        self.htmlLinks = htmlLinks
        self.attachments = attachments
        self.authenticationResults = authenticationResults
    }
}

/// An HTML link: where it goes and what it shows.
public struct LinkAnchor: Sendable, Hashable {
    public var url: String
    public var text: String

    public init(url: String, text: String) {
        self.url = url
        self.text = text
    }
}

/// A file as the checks see it; the bytes are only looked at, never opened.
public struct IncomingAttachment: Sendable {
    public var filename: String
    public var contentType: String
    public var data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8] = []) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}
