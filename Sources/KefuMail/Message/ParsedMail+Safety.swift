import KefuCore

extension ParsedMail {
    /// What the scam checks read of this mail: sender, subject, text, HTML links, files and the
    /// receiving servers' `Authentication-Results`.
    public var incomingMessage: IncomingMessage {
        IncomingMessage(
            from: from.first.map(Self.display) ?? "", subject: subject, body: text, htmlLinks: htmlLinks,
            attachments: attachments.map { IncomingAttachment(filename: $0.filename, contentType: $0.contentType, data: $0.data) },
            authenticationResults: header.all("Authentication-Results").map { String(decoding: $0, as: UTF8.self) })
    }
}
