import Foundation
import KefuCore

/// A file sent with a reply (a tracking screenshot, a weigh record).
public struct OutgoingAttachment: Sendable, Hashable {
    public var filename: String
    /// Media type like `image/jpeg`; `application/octet-stream` when unknown.
    public var contentType: String
    public var data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// Everything a reply email needs. The Message-ID is the caller's, fixed when the reply is
/// queued, so a delivery retried after a crash sends the very same message.
public struct OutgoingReply: Sendable, Hashable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var subject: String
    /// The Message-ID answered, without brackets.
    public var inReplyTo: String?
    /// The thread's ids, oldest first, without brackets.
    public var references: [String]
    public var date: Date
    /// The sender's UTC offset, for the Date header (e.g. 28800 for China time).
    public var utcOffsetSeconds: Int
    /// Without brackets, e.g. `kefu.42.7f3a@shop.example`.
    public var messageID: String
    public var body: String
    public var attachments: [OutgoingAttachment]

    public init(
        from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], subject: String, inReplyTo: String?,
        references: [String], date: Date, utcOffsetSeconds: Int = 0, messageID: String, body: String,
        attachments: [OutgoingAttachment] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
        self.messageID = messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        self.body = body
        self.attachments = attachments
    }

    /// A reply to `mail`: to its Reply-To (or From), subject with one "Re:", threaded by
    /// In-Reply-To and References (RFC 5322 3.6.4).
    public init(
        replyingTo mail: ParsedMail, from: MailAddress, body: String, messageID: String, date: Date,
        utcOffsetSeconds: Int = 0, attachments: [OutgoingAttachment] = []
    ) {
        var references = mail.references
        if references.isEmpty, let parent = mail.inReplyTo.first { references = [parent] }
        if let id = mail.messageID, references.last != id { references.append(id) }
        self.init(
            from: from, to: mail.replyAddress.map { [$0] } ?? [], subject: Self.replySubject(mail.subject),
            inReplyTo: mail.messageID, references: Self.trimmed(references), date: date,
            utcOffsetSeconds: utcOffsetSeconds, messageID: messageID, body: body, attachments: attachments)
    }

    /// "Re: " and the subject without any reply prefixes: never "Re: Re:" or "Re: AW:".
    public static func replySubject(_ original: String) -> String {
        let base = SubjectNormalizer.strippingReplyPrefixes(HeaderText.collapseWhitespace(original))
        return base.isEmpty ? "Re:" : "Re: " + base
    }

    /// Long threads keep the root and the most recent ids, as RFC 5322 allows.
    static func trimmed(_ references: [String], limit: Int = 20) -> [String] {
        guard references.count > limit else { return references }
        return [references[0]] + references.suffix(limit - 1)
    }
}
