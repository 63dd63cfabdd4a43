import Foundation
import KefuCore

/// Turns an `OutgoingReply` into the bytes handed to a sendmail-compatible command (msmtp).
///
/// CRLF line ends throughout; UTF-8 text, sent as 7bit when it is plain short-lined ASCII and
/// as quoted-printable otherwise; attachments in multipart/mixed as base64. The output depends
/// only on the reply (the boundary is derived from the Message-ID), so the same queued reply
/// always produces the same bytes and tests can compare them exactly.
public enum ReplyMIMEBuilder {
    public static func build(_ reply: OutgoingReply) -> [UInt8] {
        var header = ""
        header += "Date: " + MailDate.format(reply.date, offsetSeconds: reply.utcOffsetSeconds) + "\r\n"
        header += HeaderEncoder.addresses("From", [reply.from])
        header += HeaderEncoder.addresses("To", reply.to)
        if !reply.cc.isEmpty { header += HeaderEncoder.addresses("Cc", reply.cc) }
        header += HeaderEncoder.unstructured("Subject", reply.subject)
        header += "Message-ID: <\(reply.messageID)>\r\n"
        if let parent = reply.inReplyTo { header += "In-Reply-To: <\(parent)>\r\n" }
        if !reply.references.isEmpty { header += HeaderEncoder.messageIDs("References", reply.references) }
        header += "MIME-Version: 1.0\r\n"

        let text = textPart(reply.body)
        var output = Array(header.utf8)
        if reply.attachments.isEmpty {
            output += Array(text.header.utf8) + [0x0D, 0x0A] + text.body
            return output
        }
        let boundary = "=_kefu_" + ContentHash.hex(ContentHash.fnv1a(Array(reply.messageID.utf8)))
        output += Array("Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"\r\n\r\n".utf8)
        output += Array("This is a multi-part message in MIME format.\r\n".utf8)
        output += Array("\r\n--\(boundary)\r\n".utf8) + Array(text.header.utf8) + [0x0D, 0x0A] + text.body
        for attachment in reply.attachments {
            output += Array("\r\n--\(boundary)\r\n".utf8)
            output += Array(attachmentHeader(attachment).utf8) + [0x0D, 0x0A]
            output += Base64Encoder.encodeBytes(attachment.data, lineLength: 76)
            if output.suffix(2) == [0x0D, 0x0A] { output.removeLast(2) }
        }
        output += Array("\r\n--\(boundary)--\r\n".utf8)
        return output
    }

    /// The text part's header lines and its encoded body (ending with CRLF).
    static func textPart(_ body: String) -> (header: String, body: [UInt8]) {
        var text = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if !text.hasSuffix("\n") { text += "\n" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let plain = text.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }
            && lines.allSatisfy { $0.utf8.count <= 76 && !$0.hasPrefix("From ") && !$0.hasSuffix(" ") }
        let contentType = "Content-Type: text/plain; charset=UTF-8\r\n"
        if plain {
            let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            return (contentType + "Content-Transfer-Encoding: 7bit\r\n", crlf)
        }
        return (contentType + "Content-Transfer-Encoding: quoted-printable\r\n", QuotedPrintableEncoder.encode(text))
    }

    static func attachmentHeader(_ attachment: OutgoingAttachment) -> String {
        let type = attachment.contentType.isEmpty ? "application/octet-stream" : attachment.contentType.lowercased()
        let name = attachment.filename.filter { $0 != "\r" && $0 != "\n" }
        var header = ""
        if name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) {
            let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            header += "Content-Type: \(type);\r\n name=\(quoted)\r\n"
            header += "Content-Disposition: attachment;\r\n filename=\(quoted)\r\n"
        } else {
            // RFC 2231 for readers that follow the standard, RFC 2047 in `name` for the others.
            let encodedName = HeaderEncoder.encodedWords(name, firstLineUsed: 7).joined(separator: "\r\n ")
            header += "Content-Type: \(type);\r\n name=\"\(encodedName)\"\r\n"
            header += "Content-Disposition: attachment;\r\n filename*=UTF-8''\(percentEncoded(name))\r\n"
        }
        header += "Content-Transfer-Encoding: base64\r\n"
        return header
    }

    /// RFC 2231 percent encoding: attribute characters stay, every other byte becomes %XX.
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!#$&+-.^_`|~".unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
