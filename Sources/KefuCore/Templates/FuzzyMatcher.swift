import Foundation

/// Scores how well a typed query matches a text, the way fzf-like pickers do: every query
/// character must appear in order; consecutive runs, word starts and an early first hit score
/// higher. Case- and accent-insensitive ("ou est" finds "où est"). Returns nil when the query
/// does not match.
public enum FuzzyMatcher {
    public static func score(_ query: String, in text: String) -> Int? {
        let needle = searchScalars(query).filter { $0 != 0x20 }
        if needle.isEmpty { return 0 }
        return score(needle: needle, in: SearchText(text))
    }

    /// Lowercased, accent-free scalar values, the form both sides of a match are compared in.
    static func searchScalars(_ text: String) -> [UInt32] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .lowercased().unicodeScalars.map(\.value)
    }

    /// The match score of an already folded needle in prepared text.
    ///
    /// Greedy from the first occurrence, then retried from up to a few later word starts of
    /// the first needle character, so "rf" prefers "Refund" over "paRcel reFund".
    static func score(needle: [UInt32], in text: SearchText) -> Int? {
        guard let first = needle.first else { return 0 }
        guard let greedy = greedyScore(needle: needle, in: text, from: 0) else { return nil }
        var best = greedy.score
        var start = greedy.firstMatch + 1
        var retries = 0
        let scalars = text.scalars
        while retries < 4, start < scalars.count {
            guard let next = scalars[start...].firstIndex(of: first) else { break }
            start = next + 1
            guard text.wordStarts[next] else { continue }
            retries += 1
            guard let other = greedyScore(needle: needle, in: text, from: next) else { break }
            best = max(best, other.score)
        }
        return best
    }

    private static func greedyScore(needle: [UInt32], in text: SearchText, from: Int) -> (score: Int, firstMatch: Int)? {
        let hay = text.scalars
        let starts = text.wordStarts
        var score = 0
        var qi = 0
        var previousMatch = -2
        var firstMatch = -1
        var i = from
        let count = hay.count
        let needleCount = needle.count
        var wanted = needle[0]
        while i < count {
            if hay[i] == wanted {
                if firstMatch < 0 { firstMatch = i }
                var points = 1
                if i == previousMatch + 1 { points += 4 }
                if starts[i] { points += 3 }
                score += points
                previousMatch = i
                qi += 1
                if qi == needleCount { break }
                wanted = needle[qi]
            }
            i += 1
        }
        guard qi == needleCount else { return nil }
        return (score * 10 - min(firstMatch, 50), firstMatch)
    }
}

/// Text prepared once for fuzzy matching: folded scalars, where words start, and a bitmask of
/// the characters present so most non-matches are rejected without a scan.
struct SearchText: Sendable, Hashable {
    let scalars: [UInt32]
    let wordStarts: [Bool]
    let mask: UInt64

    init(_ text: String) {
        let scalars = FuzzyMatcher.searchScalars(text)
        var starts = [Bool](repeating: false, count: scalars.count)
        var previousIsWord = false
        for (i, value) in scalars.enumerated() {
            let isWord = Self.isWordScalar(value)
            starts[i] = isWord && !previousIsWord
            previousIsWord = isWord
        }
        self.scalars = scalars
        self.wordStarts = starts
        self.mask = Self.mask(of: scalars)
    }

    /// True when every character of the needle occurs somewhere in the text (by mask).
    func mayContain(_ needleMask: UInt64) -> Bool {
        needleMask & mask == needleMask
    }

    static func mask(of scalars: [UInt32]) -> UInt64 {
        var mask: UInt64 = 0
        for value in scalars { mask |= bit(value) }
        return mask
    }

    /// Letters and digits get their own bit; everything else shares the remaining bits by value.
    static func bit(_ value: UInt32) -> UInt64 {
        switch value {
        case 0x61...0x7A: return 1 << UInt64(value - 0x61)
        case 0x30...0x39: return 1 << UInt64(26 + value - 0x30)
        default: return 1 << UInt64(36 + value % 28)
        }
    }

    private static func isWordScalar(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
        }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isAlphabetic
    }
}

/// Long text (a template's bodies in every language) prepared for exact term search: folded
/// UTF-8 bytes searched with the C library's `memchr` and `memcmp`, which scan gigabytes a second,
/// plus the character bitmask that rejects most templates before any scan.
struct SearchBody: Sendable, Hashable {
    let bytes: [UInt8]
    let mask: UInt64

    init(_ text: String) {
        let scalars = FuzzyMatcher.searchScalars(text)
        var folded = ""
        folded.unicodeScalars.append(contentsOf: scalars.compactMap(Unicode.Scalar.init))
        self.bytes = Array(folded.utf8)
        self.mask = SearchText.mask(of: scalars)
    }

    func mayContain(_ needleMask: UInt64) -> Bool {
        needleMask & mask == needleMask
    }

    /// Where the folded UTF-8 `needle` first occurs, and whether a word starts there.
    func firstOccurrence(of needle: [UInt8]) -> (offset: Int, atWordStart: Bool)? {
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        return bytes.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                let base = hay.baseAddress!
                let first = Int32(needle[0])
                var offset = 0
                let last = hay.count - pin.count
                while offset <= last {
                    guard let hit = memchr(base + offset, first, last - offset + 1) else { return nil }
                    let candidate = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + candidate, pin.baseAddress!, pin.count) == 0 {
                        offset = candidate
                        break
                    }
                    offset = candidate + 1
                }
                guard offset <= last else { return nil }
                let before = offset == 0 ? UInt8(ascii: " ") : hay[offset - 1]
                let atWordStart = before < 0x80 && !(before >= 0x30 && before <= 0x39) && !(before >= 0x61 && before <= 0x7A)
                return (offset, atWordStart)
            }
        }
    }
}
