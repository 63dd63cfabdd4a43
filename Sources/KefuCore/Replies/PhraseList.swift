/// A list of words and phrases to look for in any language. A trailing `*` matches any ending
/// ("thank*" finds "thanks", "thankful"); otherwise the phrase must stand as whole words. Phrases
/// in scripts written without spaces (Japanese, Chinese) match anywhere.
struct PhraseList: Sendable {
    private struct Phrase: Sendable {
        let text: String
        let prefix: Bool
        let unspaced: Bool
    }

    private let phrases: [Phrase]

    init(_ entries: [String]) {
        phrases = entries.map { entry in
            let prefix = entry.hasSuffix("*")
            let text = prefix ? String(entry.dropLast()) : entry
            let unspaced = text.unicodeScalars.contains { (0x3040...0x9FFF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value) }
            return Phrase(text: text.lowercased(), prefix: prefix, unspaced: unspaced)
        }
    }

    /// The first phrase found in `lowercased` text, with its range.
    func firstMatch(in lowercased: String) -> (phrase: String, range: Range<String.Index>)? {
        var best: (phrase: String, range: Range<String.Index>)?
        for phrase in phrases {
            if let range = find(phrase, in: lowercased), best.map({ range.lowerBound < $0.range.lowerBound }) ?? true {
                best = (phrase.text, range)
            }
        }
        return best
    }

    func matches(_ lowercased: String) -> Bool {
        phrases.contains { find($0, in: lowercased) != nil }
    }

    /// Every match, for checks that mask what they have counted.
    func allMatches(in lowercased: String) -> [Range<String.Index>] {
        phrases.flatMap { phrase in
            var ranges: [Range<String.Index>] = []
            var from = lowercased.startIndex
            while let range = find(phrase, in: lowercased, from: from) {
                ranges.append(range)
                from = range.upperBound
            }
            return ranges
        }
    }

    private func find(_ phrase: Phrase, in text: String, from: String.Index? = nil) -> Range<String.Index>? {
        var searchStart = from ?? text.startIndex
        while let range = text.range(of: phrase.text, range: searchStart..<text.endIndex) {
            if phrase.unspaced { return range }
            let startsWord = range.lowerBound == text.startIndex || !text[text.index(before: range.lowerBound)].isLetter
            let endsWord = phrase.prefix || range.upperBound == text.endIndex || !text[range.upperBound].isLetter
            if startsWord && endsWord { return range }
            searchStart = text.index(after: range.lowerBound)
        }
        return nil
    }
}
