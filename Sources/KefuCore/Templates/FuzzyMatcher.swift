/// Scores how well a typed query matches a text, the way fzf-like pickers do: every query
/// character must appear in order; consecutive runs, word starts and an early first hit score
/// higher. Case-insensitive. Returns nil when the query does not match.
public enum FuzzyMatcher {
    public static func score(_ query: String, in text: String) -> Int? {
        let needle = Array(query.lowercased().unicodeScalars.filter { $0 != " " })
        if needle.isEmpty { return 0 }
        let hay = Array(text.lowercased().unicodeScalars)
        var score = 0
        var qi = 0
        var previousMatch = -2
        var firstMatch = -1
        for (i, scalar) in hay.enumerated() where qi < needle.count {
            guard scalar == needle[qi] else { continue }
            if firstMatch < 0 { firstMatch = i }
            var points = 1
            if i == previousMatch + 1 { points += 4 }
            if i == 0 || !isWordScalar(hay[i - 1]) { points += 3 }
            score += points
            previousMatch = i
            qi += 1
        }
        guard qi == needle.count else { return nil }
        return score * 10 - min(firstMatch, 50)
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s)
    }
}
