import Foundation
import KefuCore
import KefuMail

/// One mail message: headers, RFC 2047 words, multipart, transfer encodings, charsets. What the
/// parser reads out of a message (sender, subject, text), written again as a plain UTF-8 message
/// the way Kefu writes its own mail, reads back as the same sender, subject and text.
enum MIMEMessageFuzz {
    static let target = FuzzTarget("mime") { bytes throws(FuzzFailure) in
        // Smaller limits than the real ones so the fuzzer reaches them.
        let parser = MailParser(limits: MailLimits(maximumMessageBytes: 1 << 20, maximumTextBytes: 256 << 10, maximumDepth: 8, maximumParts: 64))
        guard let mail = try? parser.parse(bytes) else { return }
        try require(!mail.from.isEmpty, "a message was read without a sender")
        try require(mail.text.utf8.count <= 256 << 10 + 1024, "the text is over the limit (\(mail.text.utf8.count) bytes)")
        // A delivery report's reason is a remote server's words: one bounded line, no controls.
        if let reason = mail.automatic?.reason {
            try require(reason.count <= AutomaticMail.maximumReasonCharacters, "a bounce reason of \(reason.count) characters")
            try require(!reason.unicodeScalars.contains { $0.properties.generalCategory == .control }, "a bounce reason holds a control character")
        }
        if let about = mail.automatic?.about {
            try require(about.utf8.count <= InputLimits.idBytes, "a report names an original id of \(about.utf8.count) bytes")
        }
        let again: ParsedMail
        switch Result(catching: { () throws(MailParseError) -> ParsedMail in try parser.parse(reencoded(mail)) }) {
        case .success(let parsed): again = parsed
        case .failure(let error): throw FuzzFailure("the message written back out is refused: \(error.code.rawValue)")
        }
        try require(again.subject == mail.subject, "the subject \(mail.subject.debugDescription) written back out reads as \(again.subject.debugDescription)")
        if again.text != mail.text {
            let first = Array(mail.text.unicodeScalars), second = Array(again.text.unicodeScalars)
            var same = 0
            while same < min(first.count, second.count), first[same] == second[same] { same += 1 }
            func around(_ scalars: [Unicode.Scalar]) -> String {
                String(String.UnicodeScalarView(scalars[max(0, same - 20)..<min(scalars.count, same + 20)])).debugDescription
            }
            throw FuzzFailure("the text written back out differs from scalar \(same) of \(first.count): \(around(first)) became \(around(second))")
        }
        try require(again.from.first?.address == mail.from.first?.address, "the sender \(mail.from[0].address.debugDescription) written back out reads as \((again.from.first?.address ?? "").debugDescription)")
    }

    /// A single-part UTF-8 message: the sender's address, the subject through Kefu's own header
    /// encoder, the text in base64.
    static func reencoded(_ mail: ParsedMail) -> [UInt8] {
        var head = ""
        head += HeaderEncoder.addresses("From", [MailAddress(name: "", address: mail.from[0].address)])
        head += HeaderEncoder.unstructured("Subject", mail.subject)
        head += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        let body = Data(mail.text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return Array((head + body + "\r\n").utf8)
    }
}
