/// Substring search over UTF-8 bytes, for the hot paths of the scam checks: Foundation's
/// `String.contains` goes through NSString on Linux and cost more than all the checks together.
enum ByteSearch {
    /// Whether `needle` occurs in `haystack`, comparing bytes (so case as given).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pattern in
                guard let first = pattern.first, pattern.count <= hay.count else { return pattern.isEmpty }
                var i = 0
                let last = hay.count - pattern.count
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < pattern.count, hay[i + j] == pattern[j] { j += 1 }
                        if j == pattern.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
