import Foundation
import KefuCore

/// Reads one RFC 5322 / MIME message from its bytes. Never assumes UTF-8, never crashes on
/// broken input: a message it cannot read is a `MailParseError` saying why.
///
///     let mail = try MailParser().parse(bytes)
///     mail.subject, mail.text, mail.attachments, mail.classification.marketplace
public struct MailParser: Sendable {
    public var limits: MailLimits
    /// The marketplace recorded for mail that no marketplace relayed (the seller's own store).
    public var ownStore: Marketplace

    public init(limits: MailLimits = MailLimits(), ownStore: Marketplace = .shopify) {
        self.limits = limits
        self.ownStore = ownStore
    }

    public func parse(_ data: Data) throws(MailParseError) -> ParsedMail {
        try parse([UInt8](data))
    }

    public func parse(_ bytes: [UInt8]) throws(MailParseError) -> ParsedMail {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
            throw MailParseError(.empty, "the message is empty")
        }
        if bytes.count > limits.maximumMessageBytes {
            throw MailParseError(.messageTooLarge, "the message is \(bytes.count) bytes, more than the limit of \(limits.maximumMessageBytes)")
        }
        let result: Result<ParsedMail, MailParseError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(MailParseError) {
                return .success(try parse(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(MailParseError) -> ParsedMail {
        let section = HeaderSectionParser.parse(bytes, from: 0, to: bytes.count, skippingEnvelope: true)
        let header = section.header
        guard !header.fields.isEmpty else {
            // Said without quoting the line: reasons are printed by `kefu quarantine list` and
            // logged, and the line is the customer's text.
            let firstLineBytes = LineScanner.lineEnd(bytes, 0, bytes.count).contentEnd
            throw MailParseError(.noHeaders, "no header fields; the first line (\(firstLineBytes) bytes) is not a header field")
        }
        let charset = header.first("Content-Type").map { HeaderParameters(parsing: $0) }?["charset"]
        guard let fromText = header.first("From").map({ HeaderText.characters($0, fallbackCharset: charset) }) else {
            let names = header.fields.prefix(8).map(\.name).joined(separator: ", ")
            throw MailParseError(.noSender, "no From header (fields: \(names))")
        }
        let from = AddressListParser.parse(fromText)
        guard !from.isEmpty else {
            throw MailParseError(.noSender, "the From header (\(fromText.count) characters) holds no address")
        }

        var mime = MIMEParser(limits: limits)
        let root = try mime.parsePart(bytes, header: header, bodyStart: section.bodyStart, end: bytes.count, depth: 0)
        var assembler = BodyAssembler(bytes: bytes, limits: limits)
        try assembler.collect(root)

        func addresses(_ name: String) -> [MailAddress] {
            header.all(name).flatMap { AddressListParser.parse(HeaderText.characters($0, fallbackCharset: charset)) }
        }
        var limitNotes: [String] = []
        func ids(_ name: String) -> [String] {
            let all = header.first(name).map { MessageIDList.parse(String(decoding: $0, as: UTF8.self)) } ?? []
            let kept = all.filter { $0.utf8.count <= InputLimits.idBytes }
            if kept.count < all.count {
                limitNotes.append("\(name): \(all.count - kept.count) id(s) over \(InputLimits.idBytes) bytes ignored")
            }
            // The nearest references are the last ones.
            return Array(kept.suffix(InputLimits.referenceCount))
        }
        var subject = HeaderText.collapseWhitespace(header.text("Subject", fallbackCharset: charset) ?? "")
        if subject.utf8.count > InputLimits.subjectBytes {
            limitNotes.append("the subject was \(subject.utf8.count) bytes, cut to \(InputLimits.subjectBytes)")
            subject = InputLimits.cut(subject, toBytes: InputLimits.subjectBytes)
        }
        let replyTo = addresses("Reply-To")
        let sender = addresses("Sender")
        let text = assembler.text
        let classification = MailClassification.classify(
            senders: from + replyTo + sender, subject: subject, body: text, ownStore: ownStore)
        let references = ids("References")
        let inReplyTo = ids("In-Reply-To")
        let contentHash = ContentHash.hex(ContentHash.fnv1a(bytes))

        return ParsedMail(
            messageID: ids("Message-ID").first,
            inReplyTo: inReplyTo,
            references: references,
            from: from,
            replyTo: replyTo,
            to: addresses("To"),
            cc: addresses("Cc"),
            date: header.text("Date").flatMap(MailDate.parse),
            subject: subject,
            text: text,
            attachments: assembler.attachments,
            htmlLinks: assembler.htmlLinks,
            language: Self.language(header.text("Content-Language")),
            automatic: AutomaticMailReader.read(
                header: header, root: root, bytes: bytes, from: from, subject: subject, text: text,
                inReplyTo: inReplyTo, references: references, classification: classification),
            classification: classification,
            conversationKey: ConversationKey.derive(
                references: references, inReplyTo: inReplyTo, classification: classification,
                subject: subject, sender: from[0].address),
            contentHash: contentHash,
            notes: limitNotes + mime.notes + assembler.notes + (section.endedWithoutBlankLine && section.bodyStart < bytes.count
                ? ["the header section does not end with a blank line"] : []),
            header: header)
    }

    /// The first language tag of a Content-Language value ("de-DE, en" gives "de-DE").
    static func language(_ value: String?) -> String? {
        guard let value else { return nil }
        let first = value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).first.map(String.init) ?? ""
        let parts = first.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }),
              parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        return first
    }
}
