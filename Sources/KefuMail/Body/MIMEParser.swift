import Foundation

/// Builds the MIME tree of a message from its bytes (RFC 2045, RFC 2046).
///
/// Multipart bodies are split at boundary lines; the preamble and epilogue are skipped, a
/// missing closing boundary is tolerated (the last part runs to the end), and a boundary that
/// never appears is an error, because the message cannot be read as its sender meant.
struct MIMEParser {
    var limits: MailLimits
    private(set) var partCount = 0
    private(set) var notes: [String] = []

    init(limits: MailLimits) {
        self.limits = limits
    }

    mutating func parsePart(
        _ bytes: UnsafeBufferPointer<UInt8>, header: MessageHeader, bodyStart: Int, end: Int,
        depth: Int, defaultType: String = "text/plain"
    ) throws(MailParseError) -> MIMEPart {
        partCount += 1
        if partCount > limits.maximumParts {
            throw MailParseError(.tooManyParts, "more than \(limits.maximumParts) MIME parts")
        }
        var contentType = header.first("Content-Type").map { HeaderParameters(parsing: $0) }
            ?? HeaderParameters(value: defaultType)
        let fallback = contentType["charset"]
        if !contentType.value.contains("/") {
            // "text" or garbage: RFC 2045 5.2 says to treat an invalid type as text/plain.
            contentType = HeaderParameters(value: "text/plain", parameters: contentType.parameters)
        }
        let disposition = header.first("Content-Disposition").map { HeaderParameters(parsing: $0, fallbackCharset: fallback) }
        let encoding = header.first("Content-Transfer-Encoding")
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased() } ?? "7bit"

        var part = MIMEPart(
            header: header, contentType: contentType, disposition: disposition,
            transferEncoding: encoding, bodyRange: bodyStart..<max(bodyStart, end), children: [])
        guard part.isMultipart else { return part }

        if depth >= limits.maximumDepth {
            throw MailParseError(.nestedTooDeep, "multipart nesting deeper than \(limits.maximumDepth) levels")
        }
        guard let boundary = contentType["boundary"], !boundary.isEmpty else {
            throw MailParseError(.malformedStructure, "\(contentType.value) without a boundary parameter")
        }
        let ranges = Self.split(bytes, from: bodyStart, to: end, boundary: Array(boundary.utf8))
        guard let ranges else {
            throw MailParseError(.malformedStructure, "\(contentType.value) boundary \"\(boundary.prefix(70))\" never appears in the body")
        }
        if !ranges.closed { notes.append("\(contentType.value) has no closing boundary; the last part runs to the end") }
        let childDefault = contentType.value == "multipart/digest" ? "message/rfc822" : "text/plain"
        for range in ranges.parts {
            let section = HeaderSectionParser.parse(bytes, from: range.lowerBound, to: range.upperBound)
            let child = try parsePart(
                bytes, header: section.header, bodyStart: section.bodyStart,
                end: range.upperBound, depth: depth + 1, defaultType: childDefault)
            part.children.append(child)
        }
        return part
    }

    struct Split {
        var parts: [Range<Int>]
        var closed: Bool
    }

    /// The byte ranges of the parts between `--boundary` lines; nil when no boundary line exists.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, boundary: [UInt8]) -> Split? {
        var parts: [Range<Int>] = []
        var partStart: Int?
        var position = start
        var previousLineEnd = start
        while position < end {
            let line = LineScanner.lineEnd(bytes, position, end)
            if let kind = delimiter(bytes, position, line.contentEnd, boundary) {
                if let open = partStart {
                    // The line break before a delimiter belongs to the delimiter.
                    parts.append(open..<max(open, previousLineEnd))
                }
                if kind == .close { return Split(parts: parts, closed: true) }
                partStart = line.next
            }
            previousLineEnd = line.contentEnd
            position = line.next
        }
        guard let open = partStart else { return nil }
        if open < end { parts.append(open..<end) }
        return Split(parts: parts, closed: false)
    }

    private enum Delimiter { case open, close }

    private static func delimiter(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ boundary: [UInt8]) -> Delimiter? {
        let length = boundary.count + 2
        guard end - start >= length, bytes[start] == 0x2D, bytes[start + 1] == 0x2D else { return nil }
        for offset in 0..<boundary.count where bytes[start + 2 + offset] != boundary[offset] { return nil }
        var index = start + length
        var kind = Delimiter.open
        if index + 2 <= end, bytes[index] == 0x2D, bytes[index + 1] == 0x2D {
            kind = .close
            index += 2
        }
        // Only transport padding may follow a delimiter; otherwise it is a longer boundary.
        while index < end {
            if bytes[index] != 0x20 && bytes[index] != 0x09 { return nil }
            index += 1
        }
        return kind
    }
}
