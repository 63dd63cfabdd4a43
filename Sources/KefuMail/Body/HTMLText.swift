import Foundation
import KefuCore

/// Readable plain text from an HTML mail, for agents who read in a terminal.
///
/// Script, style and head are dropped; block elements end lines (paragraphs and headings leave a
/// blank line); list items start with "- "; links show their target after the text,
/// `text (url)`, so a fake "amazon.com" link is visible for what it is; images show their alt
/// text; entities are decoded; whitespace collapses as a browser would, except in `<pre>`.
public enum HTMLText {
    public static func convert(_ html: String) -> String {
        convertKeepingLinks(html).text
    }

    /// The readable text and every `<a href>` with its visible text, for the scam checks (the
    /// text shows `text (url)`, which no longer says which words were the link).
    public static func convertKeepingLinks(_ html: String) -> (text: String, links: [LinkAnchor]) {
        var converter = Converter(Array(html.unicodeScalars))
        converter.run()
        return (converter.finish(), converter.anchors)
    }

    private static let skipped: Set<String> = ["script", "style", "head", "title", "template", "svg", "object", "iframe"]
    private static let paragraphs: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre", "hr", "address", "figure",
    ]
    private static let lines: Set<String> = [
        "div", "tr", "li", "dt", "dd", "section", "article", "header", "footer", "nav", "aside", "main", "form",
        "fieldset", "legend", "caption", "thead", "tbody", "tfoot", "center", "details", "summary", "figcaption", "body", "html",
    ]

    private struct Converter {
        let input: [Unicode.Scalar]
        var index = 0
        var output = String.UnicodeScalarView()
        var pendingBreaks = 0
        var pendingSpace = false
        var pendingPrefix = ""
        var preDepth = 0
        /// Open links: target and where their text started in the output.
        var links: [(href: String, textStart: Int)] = []
        /// Closed links: target and visible text.
        var anchors: [LinkAnchor] = []

        init(_ input: [Unicode.Scalar]) {
            self.input = input
        }

        mutating func run() {
            while index < input.count {
                let scalar = input[index]
                if scalar == "<", index + 1 < input.count, isTagStart(input[index + 1]) {
                    tag()
                } else if scalar == "&", let (decoded, next) = HTMLEntities.reference(input, at: index) {
                    for character in decoded.unicodeScalars { text(character) }
                    index = next
                } else {
                    text(scalar)
                    index += 1
                }
            }
        }

        func isTagStart(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar == "/" || scalar == "!" || scalar == "?"
        }

        mutating func text(_ scalar: Unicode.Scalar) {
            if preDepth == 0, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{A0}" || scalar == "\u{0C}" {
                pendingSpace = true
                return
            }
            if preDepth > 0, scalar == "\n" {
                lineBreak()
                return
            }
            if preDepth > 0, scalar == "\r" { return }
            flushPending()
            output.append(scalar)
        }

        mutating func flushPending() {
            if pendingBreaks > 0, !output.isEmpty {
                trimTrailingSpaces()
                let existing = trailingNewlines()
                for _ in existing..<max(existing, pendingBreaks) { output.append("\n") }
            }
            if pendingBreaks > 0 || output.isEmpty || output.last == "\n" {
                pendingSpace = false
            }
            pendingBreaks = 0
            if !pendingPrefix.isEmpty {
                output.append(contentsOf: pendingPrefix.unicodeScalars)
                pendingPrefix = ""
                pendingSpace = false
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
        }

        mutating func lineBreak() {
            trimTrailingSpaces()
            output.append("\n")
            pendingSpace = false
        }

        mutating func requestBreaks(_ count: Int) {
            pendingBreaks = max(pendingBreaks, count)
        }

        func trailingNewlines() -> Int {
            var count = 0
            var position = output.endIndex
            while position > output.startIndex {
                position = output.index(before: position)
                if output[position] == "\n" { count += 1 } else { break }
            }
            return count
        }

        mutating func trimTrailingSpaces() {
            while let last = output.last, last == " " { output.removeLast() }
        }

        mutating func tag() {
            let start = index
            index += 1
            // Comments, doctype, CDATA, processing instructions.
            if input[index] == "!" || input[index] == "?" {
                if matches("!--", at: index) {
                    index = find("-->", from: index + 3).map { $0 + 3 } ?? input.count
                } else {
                    index = find(">", from: index).map { $0 + 1 } ?? input.count
                }
                return
            }
            var closing = false
            if input[index] == "/" {
                closing = true
                index += 1
            }
            var name = ""
            while index < input.count, input[index].properties.isAlphabetic || ("0"..."9").contains(input[index]) {
                name.unicodeScalars.append(input[index])
                index += 1
            }
            name = name.lowercased()
            let attributes = readAttributes()
            guard !name.isEmpty else {
                index = start + 1
                text("<")
                return
            }
            if !closing, HTMLText.skipped.contains(name) {
                let close = find("</\(name)", from: index, caseInsensitive: true)
                index = close.flatMap { find(">", from: $0) }.map { $0 + 1 } ?? input.count
                return
            }
            handle(name, closing: closing, attributes: attributes)
        }

        mutating func handle(_ name: String, closing: Bool, attributes: [String: String]) {
            switch name {
            case "br":
                flushPending()
                lineBreak()
            case "li":
                requestBreaks(1)
                if !closing { pendingPrefix = "- " }
            case "td", "th":
                if !closing { pendingSpace = true }
            case "pre":
                requestBreaks(2)
                preDepth = max(0, preDepth + (closing ? -1 : 1))
            case "a":
                if closing {
                    closeLink()
                } else {
                    links.append((attributes["href"] ?? "", output.count + (pendingSpace ? 1 : 0)))
                }
            case "img":
                if let alt = attributes["alt"]?.trimmingCharacters(in: .whitespacesAndNewlines), !alt.isEmpty {
                    for scalar in "[\(alt)]".unicodeScalars { text(scalar) }
                }
            default:
                if HTMLText.paragraphs.contains(name) {
                    requestBreaks(2)
                } else if HTMLText.lines.contains(name) {
                    requestBreaks(1)
                }
            }
        }

        mutating func closeLink() {
            guard let link = links.popLast() else { return }
            let href = Self.cleanedURL(link.href)
            let lower = href.lowercased()
            guard !href.isEmpty, !lower.hasPrefix("#"), !lower.hasPrefix("javascript:") else { return }
            let start = min(link.textStart, output.count)
            let linkText = String(String.UnicodeScalarView(output.dropFirst(start))).trimmingCharacters(in: .whitespacesAndNewlines)
            let shown = lower.hasPrefix("mailto:") ? String(href.dropFirst(7)) : href
            anchors.append(LinkAnchor(url: href, text: linkText))
            if linkText == shown || linkText == href { return }
            let suffix = linkText.isEmpty ? shown : " (\(shown))"
            for scalar in suffix.unicodeScalars { output.append(scalar) }
        }

        /// A URL as a browser reads an `href` (WHATWG URL parsing): tabs and line breaks
        /// anywhere are dropped, controls and spaces at either end trimmed. A line break left
        /// in the link shown after its text read differently once the text was written out as
        /// plain text (found by fuzzing), and a scam check must see the URL the browser opens.
        static func cleanedURL(_ raw: String) -> String {
            var scalars = Array(raw.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
            let edge = { (scalar: Unicode.Scalar) in scalar.value <= 0x20 || scalar.properties.isWhitespace }
            while let first = scalars.first, edge(first) { scalars.removeFirst() }
            while let last = scalars.last, edge(last) { scalars.removeLast() }
            return String(String.UnicodeScalarView(scalars))
        }

        mutating func readAttributes() -> [String: String] {
            var attributes: [String: String] = [:]
            while index < input.count, input[index] != ">" {
                if input[index].properties.isWhitespace || input[index] == "/" {
                    index += 1
                    continue
                }
                var name = ""
                while index < input.count, !input[index].properties.isWhitespace, input[index] != "=", input[index] != ">" {
                    name.unicodeScalars.append(input[index])
                    index += 1
                }
                while index < input.count, input[index].properties.isWhitespace { index += 1 }
                var value = ""
                if index < input.count, input[index] == "=" {
                    index += 1
                    while index < input.count, input[index].properties.isWhitespace { index += 1 }
                    if index < input.count, input[index] == "\"" || input[index] == "'" {
                        let quote = input[index]
                        index += 1
                        while index < input.count, input[index] != quote {
                            value.unicodeScalars.append(input[index])
                            index += 1
                        }
                        index += 1
                    } else {
                        while index < input.count, !input[index].properties.isWhitespace, input[index] != ">" {
                            value.unicodeScalars.append(input[index])
                            index += 1
                        }
                    }
                }
                if !name.isEmpty { attributes[name.lowercased()] = HTMLEntities.decode(value) }
            }
            index += 1
            return attributes
        }

        func matches(_ literal: String, at position: Int) -> Bool {
            var offset = position
            for scalar in literal.unicodeScalars {
                guard offset < input.count, input[offset] == scalar else { return false }
                offset += 1
            }
            return true
        }

        func find(_ literal: String, from position: Int, caseInsensitive: Bool = false) -> Int? {
            let needle = Array((caseInsensitive ? literal.lowercased() : literal).unicodeScalars)
            guard let first = needle.first else { return nil }
            var position = position
            while position + needle.count <= input.count {
                let scalar = caseInsensitive ? lowercase(input[position]) : input[position]
                if scalar == first {
                    var offset = 1
                    while offset < needle.count, (caseInsensitive ? lowercase(input[position + offset]) : input[position + offset]) == needle[offset] {
                        offset += 1
                    }
                    if offset == needle.count { return position }
                }
                position += 1
            }
            return nil
        }

        func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
        }

        mutating func finish() -> String {
            // Collapse three or more line breaks into one blank line and trim line ends.
            var lines: [Substring] = []
            var blank = 0
            let text = String(output)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingSuffix()
                if trimmed.isEmpty {
                    blank += 1
                    if blank > 1 { continue }
                } else {
                    blank = 0
                }
                lines.append(trimmed)
            }
            while lines.first?.isEmpty == true { lines.removeFirst() }
            while lines.last?.isEmpty == true { lines.removeLast() }
            return lines.joined(separator: "\n")
        }
    }
}

private extension Substring {
    func trimmingSuffix() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[startIndex..<end]
    }
}
