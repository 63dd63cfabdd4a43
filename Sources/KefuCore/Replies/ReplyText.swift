import Foundation

/// The reply as the checks read it: positions turned into line and column, paragraphs and
/// sentences with where they start.
struct ReplyText {
    let text: String
    /// Start index of every line.
    private let lineStarts: [String.Index]

    init(_ text: String) {
        self.text = text
        var starts = [text.startIndex]
        var index = text.startIndex
        while let newline = text[index...].firstIndex(of: "\n") {
            index = text.index(after: newline)
            starts.append(index)
        }
        lineStarts = starts
    }

    func location(of index: String.Index, excerpt: String) -> ReplyLocation {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= index { low = mid } else { high = mid - 1 }
        }
        let column = text[lineStarts[low]..<index].count + 1
        return ReplyLocation(line: low + 1, column: column, excerpt: Self.shortened(excerpt))
    }

    func location(of range: Range<String.Index>) -> ReplyLocation {
        location(of: range.lowerBound, excerpt: String(text[range]))
    }

    /// Blocks of text separated by blank lines.
    var paragraphs: [Substring] {
        var result: [Substring] = []
        var start: String.Index?
        var lastContentEnd = text.startIndex
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            if line.allSatisfy(\.isWhitespace) {
                if let s = start { result.append(text[s..<lastContentEnd]) }
                start = nil
            } else {
                if start == nil { start = lineStart }
                lastContentEnd = lineEnd
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        if let s = start { result.append(text[s..<lastContentEnd]) }
        return result
    }

    /// Sentences: text up to `.`, `!` or `?` followed by a space, CJK full stops, or a line end.
    var sentences: [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        func close(at end: String.Index) {
            let piece = text[start..<end]
            if !piece.allSatisfy(\.isWhitespace) { result.append(piece) }
            start = end
        }
        while index < text.endIndex {
            let ch = text[index]
            let next = text.index(after: index)
            if ch == "\n" || "。！？".contains(ch) {
                close(at: next)
            } else if ".!?".contains(ch), next == text.endIndex || text[next].isWhitespace {
                close(at: next)
            }
            index = next
        }
        close(at: text.endIndex)
        return result.map { $0.drop(while: \.isWhitespace) }
    }

    /// Non-empty lines, trimmed, in order.
    var nonEmptyLines: [Substring] {
        text.split(separator: "\n").map { $0.drop(while: \.isWhitespace) }.filter { !$0.isEmpty }
    }

    static func shortened(_ excerpt: String, limit: Int = 60) -> String {
        let oneLine = excerpt.replacingOccurrences(of: "\n", with: " ")
        return oneLine.count <= limit ? oneLine : String(oneLine.prefix(limit - 1)) + "…"
    }
}
