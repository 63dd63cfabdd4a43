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
        // Broken structure is read leniently, as Python's email package and neomutt do: a
        // customer is waiting. Without a usable boundary the first `--` line of the body names
        // the parts; failing that the body is read as plain text. Each repair leaves a note.
        var ranges: Split?
        if let declared = contentType["boundary"], !declared.isEmpty {
            ranges = Self.split(bytes, from: bodyStart, to: end, boundary: Array(declared.utf8))
            if ranges == nil {
                notes.append("\(contentType.value): its boundary never appears in the body")
            }
        } else {
            notes.append("\(contentType.value) without a boundary parameter")
        }
        if ranges == nil, let guessed = Self.firstDelimiterLine(bytes, from: bodyStart, to: end) {
            ranges = Self.split(bytes, from: bodyStart, to: end, boundary: guessed)
            if ranges != nil { notes.append("its parts were found at the first line starting with --") }
        }
        guard let ranges else {
            notes.append("the body was read as plain text")
            part.contentType = HeaderParameters(value: "text/plain", parameters: contentType.parameters.filter { $0.key == "charset" })
            return part
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

    /// The boundary a body's first `--xyz` line would give, for a multipart whose own boundary
    /// is missing or wrong.
    static func firstDelimiterLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [UInt8]? {
        var position = start
        while position < end {
            let line = LineScanner.lineEnd(bytes, position, end)
            if line.contentEnd - position > 2, bytes[position] == 0x2D, bytes[position + 1] == 0x2D {
                var candidate = Array(bytes[(position + 2)..<line.contentEnd])
                while let last = candidate.last, last == 0x20 || last == 0x09 { candidate.removeLast() }
                if candidate.count > 2, candidate.suffix(2) == [0x2D, 0x2D] { candidate.removeLast(2) }
                return candidate.isEmpty || candidate.count > 200 ? nil : candidate
            }
            position = line.next
        }
        return nil
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
