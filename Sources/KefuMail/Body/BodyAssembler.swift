import Foundation
import KefuCore

/// Walks a MIME tree and decides what the agent reads and what is kept as files.
///
/// - alternative: text/plain is preferred, then HTML (turned into text), else the last part;
///   files inside the alternatives not chosen (inline photos of an HTML version) are still kept.
/// - related: the first part (or the one named by `start`) is the body, the rest are files.
/// - signed: the signed content is read; signature parts are dropped.
/// - mixed and anything else: each part in order; text parts not marked as attachments are
///   body text (joined with a blank line), everything else is a file.
struct BodyAssembler {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: MailLimits
    var segments: [String] = []
    var textBytes = 0
    var attachments: [MailAttachment] = []
    var notes: [String] = []
    /// The links of the HTML parts, with their visible text.
    var htmlLinks: [LinkAnchor] = []

    init(bytes: UnsafeBufferPointer<UInt8>, limits: MailLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    var text: String { segments.joined(separator: "\n\n") }

    mutating func collect(_ part: MIMEPart) throws(MailParseError) {
        if part.isMultipart {
            try collectMultipart(part)
        } else if isBodyText(part) {
            try appendText(part)
        } else {
            keepFile(part)
        }
    }

    private mutating func collectMultipart(_ part: MIMEPart) throws(MailParseError) {
        let children = part.children
        switch part.mediaType {
        case "multipart/alternative":
            guard let chosen = children.firstIndex(where: { contains($0, "text/plain") })
                ?? children.firstIndex(where: { contains($0, "text/html") })
                ?? (children.isEmpty ? nil : children.count - 1) else { return }
            try collect(children[chosen])
            for (index, child) in children.enumerated() where index != chosen { collectFilesOnly(child) }
        case "multipart/related":
            let start = part.contentType["start"].map { MessageIDList.parse($0).first ?? $0 }
            let root = children.firstIndex { child in
                start != nil && child.header.text("Content-ID").flatMap { MessageIDList.parse($0).first } == start
            } ?? 0
            for (index, child) in children.enumerated() {
                if index == root { try collect(child) } else { collectFilesOnly(child) }
            }
        case "multipart/signed":
            for child in children where !isSignature(child) { try collect(child) }
        default:
            for child in children { try collect(child) }
        }
    }

    /// Keeps the files of a subtree whose text is not shown.
    private mutating func collectFilesOnly(_ part: MIMEPart) {
        if part.isMultipart {
            for child in part.children { collectFilesOnly(child) }
        } else if !isBodyText(part), !isSignature(part) {
            keepFile(part)
        }
    }

    private func contains(_ part: MIMEPart, _ type: String) -> Bool {
        if part.isMultipart { return part.children.contains { contains($0, type) } }
        return part.mediaType == type && !part.isMarkedAttachment
    }

    private func isBodyText(_ part: MIMEPart) -> Bool {
        guard ["text/plain", "text/html", "text/enriched"].contains(part.mediaType) else { return false }
        return !part.isMarkedAttachment
    }

    private func isSignature(_ part: MIMEPart) -> Bool {
        ["application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"].contains(part.mediaType)
    }

    private mutating func appendText(_ part: MIMEPart) throws(MailParseError) {
        let decoded = TransferDecoding.decode(bytes, part.bodyRange, encoding: part.transferEncoding, notes: &notes)
        textBytes += decoded.count
        if textBytes > limits.maximumTextBytes {
            throw MailParseError(.bodyTooLarge, "the text is over \(textBytes) bytes, more than the limit of \(limits.maximumTextBytes)")
        }
        var charset = part.charset
        if part.mediaType == "text/html", charset == nil { charset = HTMLCharset.sniff(decoded) }
        let result = TextDecoder.decode(decoded, charset: charset)
        if let note = result.note { notes.append(note) }
        var text = result.text
        if part.mediaType == "text/html" {
            let converted = HTMLText.convertKeepingLinks(text)
            text = converted.text
            htmlLinks += converted.links
        } else {
            text = Self.normaliseLineEnds(text)
            if part.contentType["format"]?.lowercased() == "flowed" {
                text = FlowedText.unflow(text, deleteSpace: part.contentType["delsp"]?.lowercased() == "yes")
            }
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { segments.append(trimmed) }
    }

    private mutating func keepFile(_ part: MIMEPart) {
        let data = TransferDecoding.decode(bytes, part.bodyRange, encoding: part.transferEncoding, notes: &notes)
        let contentID = part.header.text("Content-ID").flatMap { MessageIDList.parse($0).first }
        let inline = part.disposition?.value == "inline" || (part.disposition == nil && contentID != nil)
        let filename = part.filename ?? fallbackName(for: part)
        attachments.append(MailAttachment(
            filename: filename, contentType: part.mediaType, contentID: contentID, isInline: inline, data: data))
    }

    private func fallbackName(for part: MIMEPart) -> String {
        let number = attachments.count + 1
        if part.mediaType == "message/rfc822" { return "message-\(number).eml" }
        let subtype = part.mediaType.split(separator: "/").last.map(String.init) ?? "bin"
        let known = ["jpeg": "jpg", "plain": "txt", "octet-stream": "bin", "svg+xml": "svg", "x-zip-compressed": "zip"]
        let ext = known[subtype] ?? subtype.filter { $0.isLetter || $0.isNumber }
        return "attachment-\(number).\(ext.isEmpty ? "bin" : ext)"
    }

    static func normaliseLineEnds(_ text: String) -> String {
        // Scalar by scalar: "\r\n" is one Character, so a Character search for "\r" misses it
        // and CRLF stayed in the text (found by fuzzing: re-encoded, it read differently).
        guard text.unicodeScalars.contains("\r") else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
                continue
            }
            if !(scalar == "\n" && previousWasCR) { out.append(scalar) }
            previousWasCR = false
        }
        return String(out)
    }
}
