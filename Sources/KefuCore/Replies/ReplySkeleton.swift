import Foundation

/// The frame of a reply — the greeting line at the top and the closing with the signature at the
/// bottom — and how a template goes into a reply that already has text.
///
/// A template brings its own greeting and closing. Put into a reply as plain text, it stacks a
/// second greeting under whatever was there ("tracking block, then Dear Mason,") and a second
/// signature; the issue saw replies go out like that. So a template's greeting and closing
/// replace the reply's own, its body goes in at the cursor's line, and the rest of what the
/// agent wrote or inserted (a tracking block, a sentence) stays, between the two.
///
///     ReplySkeleton.merge(template: "Dear Ann,\n\nBody.\n\nKind regards,\nLi Wei",
///                         into: "Tracking: RB123456785GB", cursorLine: 0, signatureNames: ["Li Wei"])
///     // "Dear Ann,\n\nTracking: RB123456785GB\n\nBody.\n\nKind regards,\nLi Wei"
public enum ReplySkeleton {
    /// The line (0-based) of the greeting: the first non-empty line, when it greets.
    public static func greetingLine(in text: String) -> Int? {
        greetingLine(lines(text))
    }

    /// The first line (0-based) of the closing: the last paragraph that holds the signature (the
    /// agent's or the store's name), taking a closing phrase on the line before it along
    /// ("Kind regards," over "Li Wei").
    public static func closingStart(in text: String, signatureNames: [String]) -> Int? {
        closingStart(lines(text), signatureNames: signatureNames)
    }

    /// The template's greeting and closing around the reply's own text, the template's body at
    /// the cursor's line. `previousBody`: the body of the template inserted before, which is
    /// replaced rather than kept when it is still there unchanged. Returns the text and the
    /// cursor (0-based line and column) at the end of the template's body.
    public static func merge(
        template: String, into current: String, cursorLine: Int, signatureNames: [String], previousBody: String? = nil
    ) -> (text: String, line: Int, column: Int, body: String) {
        let t = lines(template)
        let tGreeting = greetingLine(t)
        let tClosing = closingStart(t, signatureNames: signatureNames)
        let bodyStart = tGreeting.map { $0 + 1 } ?? 0
        let body = trimmedBlankLines(Array(t[bodyStart..<max(bodyStart, tClosing ?? t.count)]))

        let c = lines(current)
        let cGreeting = greetingLine(c)
        let cClosing = closingStart(c, signatureNames: signatureNames)
        let middleStart = cGreeting.map { $0 + 1 } ?? 0
        let middleEnd = max(middleStart, cClosing ?? c.count)
        var middle = Array(c[middleStart..<middleEnd])
        // Where the body goes: after the cursor's line, counted within the middle part.
        var at: Int
        if cursorLine < middleStart { at = 0 } else if cursorLine >= middleEnd { at = middle.count } else {
            at = cursorLine - middleStart + (c[cursorLine].allSatisfy(\.isWhitespace) ? 0 : 1)
        }
        if let previous = previousBody.map(lines), !previous.isEmpty, let found = find(previous, in: middle) {
            middle.removeSubrange(found..<(found + previous.count))
            at = found
        }
        let before = trimmedBlankLines(Array(middle[..<min(at, middle.count)]))
        let after = trimmedBlankLines(Array(middle[min(at, middle.count)...]))

        var out: [String] = []
        func paragraph(_ block: [String]) {
            guard !block.isEmpty else { return }
            if !out.isEmpty { out.append("") }
            out += block
        }
        if let g = tGreeting { paragraph([t[g]]) } else if let g = cGreeting { paragraph([c[g]]) }
        paragraph(before)
        paragraph(body)
        let cursor = (line: max(0, out.count - 1), column: out.last?.count ?? 0)
        paragraph(after)
        if let closing = tClosing { paragraph(Array(t[closing...])) } else if let closing = cClosing { paragraph(Array(c[closing...])) }
        return (out.joined(separator: "\n"), cursor.line, cursor.column, body.joined(separator: "\n"))
    }

    // MARK: Reading lines

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private static func greetingLine(_ lines: [String]) -> Int? {
        guard let first = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let line = lines[first].lowercased()
        guard line.split(whereSeparator: \.isWhitespace).count <= 8 else { return nil }
        let greets = CourtesyPhrases.greetings.matches(line) || GreetingAddressee.honorifics.matches(line)
        let endsLikeOne = line.last.map { ",:!，：！様".contains($0) } ?? false
        let standsAlone = first + 1 >= lines.count || lines[first + 1].allSatisfy(\.isWhitespace)
        return greets && (endsLikeOne || standsAlone) ? first : nil
    }

    private static func closingStart(_ lines: [String], signatureNames: [String]) -> Int? {
        let names = signatureNames.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { return nil }
        guard let named = lines.lastIndex(where: { line in names.contains { line.contains($0) } }) else { return nil }
        var start = named
        while start > 0, !lines[start - 1].allSatisfy(\.isWhitespace) { start -= 1 }
        // A signature on its own at the very top is a greeting to someone of that name, not a closing.
        return start == 0 && lines.count > 1 && named == 0 ? nil : start
    }

    private static func trimmedBlankLines(_ block: [String]) -> [String] {
        var block = block[...]
        while let first = block.first, first.allSatisfy(\.isWhitespace) { block = block.dropFirst() }
        while let last = block.last, last.allSatisfy(\.isWhitespace) { block = block.dropLast() }
        return Array(block)
    }

    private static func find(_ needle: [String], in haystack: [String]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
