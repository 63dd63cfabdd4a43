/// Finds links in message or reply text: bare `http(s)://` and `www.` URLs, markdown
/// `[text](url)` and HTML `<a href="url">text</a>`, keeping each link's visible text so a
/// mismatch between what is shown and where it goes can be caught.
public enum LinkExtractor {
    public static func links(in text: String) -> [FoundLink] {
        var found = labelledLinks(in: text)
        let covered = found.map(\.range)
        for range in bareURLRanges(in: text) where !covered.contains(where: { $0.overlaps(range) }) {
            found.append(FoundLink(url: String(text[range]), range: range))
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Ranges of `http://`, `https://` and `www.` URLs, without trailing sentence punctuation.
    static func bareURLRanges(in text: String) -> [Range<String.Index>] {
        let scalars = text.unicodeScalars
        var ranges: [Range<String.Index>] = []
        var index = scalars.startIndex
        var previous: Unicode.Scalar?
        while index < scalars.endIndex {
            let scalar = scalars[index]
            // The letter first: the boundary test reads Unicode properties, slow on every scalar.
            if scalar == "h" || scalar == "H" || scalar == "w" || scalar == "W",
                previous.map({ !isHostScalar($0) && $0 != "@" && $0 != "/" }) ?? true,
                let start = startsURL(scalars[index...])
            {
                var end = start
                while end < scalars.endIndex, isURLScalar(scalars[end]) { end = scalars.index(after: end) }
                end = trimmedEnd(scalars[index..<end])
                if end > start {
                    ranges.append(index..<end)
                    previous = nil
                    index = end
                    continue
                }
            }
            previous = scalar
            index = scalars.index(after: index)
        }
        return ranges
    }

    /// Where the URL body begins when a URL starts here.
    private static func startsURL(_ rest: Substring.UnicodeScalarView) -> String.Index? {
        for prefix in ["https://", "http://", "www."] {
            var cursor = rest.startIndex
            var matched = true
            for expected in prefix.unicodeScalars {
                guard cursor < rest.endIndex, lowered(rest[cursor]) == expected else { matched = false; break }
                cursor = rest.index(after: cursor)
            }
            if matched { return cursor }
        }
        return nil
    }

    private static func trimmedEnd(_ url: Substring.UnicodeScalarView) -> String.Index {
        var end = url.endIndex
        while end > url.startIndex {
            let last = url[url.index(before: end)]
            if ".,;:!?'\"*".unicodeScalars.contains(last) {
                end = url.index(before: end)
            } else if last == ")" || last == "]" {
                let opener: Unicode.Scalar = last == ")" ? "(" : "["
                let body = url[url.startIndex..<end]
                let opens = body.filter { $0 == opener }.count, closes = body.filter { $0 == last }.count
                guard closes > opens else { break }
                end = url.index(before: end)
            } else {
                break
            }
        }
        return end
    }

    private static func isURLScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F { return false }
        if "<>\"`{}|^".unicodeScalars.contains(scalar) { return false }
        if scalar.value >= 0x80 {
            switch scalar.properties.generalCategory {
            case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter,
                .nonspacingMark, .spacingMark, .decimalNumber:
                return true
            default:
                return false
            }
        }
        return true
    }

    private static func isHostScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "_"
            || scalar == "."
    }

    private static func lowered(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
    }

    /// Markdown and HTML links, with their visible text.
    static func labelledLinks(in text: String) -> [FoundLink] {
        // Byte checks first: most texts have neither, and the searches below go through Foundation.
        let markdown = ByteSearch.contains(text, "](") ? markdownLinks(in: text) : []
        let html = ByteSearch.contains(text, "<a") || ByteSearch.contains(text, "<A") ? htmlLinks(in: text) : []
        return markdown + html
    }

    private static func markdownLinks(in text: String) -> [FoundLink] {
        var links: [FoundLink] = []
        var searchFrom = text.startIndex
        while let marker = text.range(of: "](", range: searchFrom..<text.endIndex) {
            searchFrom = marker.upperBound
            let before = text[..<marker.lowerBound]
            guard let open = before.lastIndex(where: { $0 == "[" || $0 == "\n" }), text[open] == "[" else { continue }
            let label = String(text[text.index(after: open)..<marker.lowerBound])
            var depth = 0
            var end = marker.upperBound
            while end < text.endIndex {
                let ch = text[end]
                if ch == "(" { depth += 1 }
                if ch == ")" { if depth == 0 { break } else { depth -= 1 } }
                if ch.isWhitespace { break }
                end = text.index(after: end)
            }
            guard end < text.endIndex, text[end] == ")", end > marker.upperBound else { continue }
            let range = marker.upperBound..<end
            links.append(FoundLink(url: String(text[range]), range: range, linkText: label))
            searchFrom = end
        }
        return links
    }

    private static func htmlLinks(in text: String) -> [FoundLink] {
        var links: [FoundLink] = []
        // ASCII-only lowercasing keeps byte offsets equal, so positions map back to `text`.
        let lower = String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        var offset = lower.utf8.startIndex
        while let tag = lower.range(of: "<a", range: offset..<lower.endIndex) {
            offset = tag.upperBound
            guard let tagEnd = lower.range(of: ">", range: tag.upperBound..<lower.endIndex),
                let href = lower.range(of: "href", range: tag.upperBound..<tagEnd.lowerBound)
            else { continue }
            var cursor = href.upperBound
            while cursor < tagEnd.lowerBound, lower[cursor] == " " || lower[cursor] == "=" { cursor = lower.index(after: cursor) }
            guard cursor < tagEnd.lowerBound else { continue }
            let quote = lower[cursor]
            let valueStart = quote == "\"" || quote == "'" ? lower.index(after: cursor) : cursor
            let valueEnd =
                quote == "\"" || quote == "'"
                ? (lower[valueStart..<tagEnd.lowerBound].firstIndex(of: quote) ?? tagEnd.lowerBound)
                : (lower[valueStart..<tagEnd.lowerBound].firstIndex(of: " ") ?? tagEnd.lowerBound)
            // `href=""` goes nowhere: no link (a URL written after it is still found bare).
            guard valueEnd > valueStart else { continue }
            let close = lower.range(of: "</a", range: tagEnd.upperBound..<lower.endIndex)
            let labelEnd = close?.lowerBound ?? tagEnd.upperBound
            let label = stripTags(String(text[tagEnd.upperBound..<labelEnd]))
            let range = samePosition(valueStart, in: text, from: lower)..<samePosition(valueEnd, in: text, from: lower)
            links.append(FoundLink(url: String(text[range]), range: range, linkText: label))
            offset = labelEnd
        }
        return links
    }

    private static func samePosition(_ index: String.Index, in text: String, from lower: String) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: lower.utf8.distance(from: lower.utf8.startIndex, to: index))
    }

    private static func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out
    }
}
