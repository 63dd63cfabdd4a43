/// Host names made to pass for a protected one: the same letters to the eye (`аmazon` with a
/// Cyrillic а, `arnazon`, `paypa1` — the UTS #39 confusable skeleton is the same) or one letter
/// edited (`amazom`, `shopifly`).
struct LookalikeHost {
    /// The protected name imitated and how.
    struct Match: Sendable, Hashable {
        var name: ProtectedName
        var label: String
        var byLetters: Bool
    }

    let names: [ProtectedName]
    let trusted: Set<String>
    let editDistanceMinimumLength: Int

    init(policy: LinkSafetyPolicy) {
        names = policy.protectedNames
        trusted = policy.trustedDomains
        editDistanceMinimumLength = policy.editDistanceMinimumLength
    }

    /// The first protected name that the registered label of `host` (or one of its
    /// `-`-separated words) imitates.
    func match(_ host: HostName, displayLabels: [String]) -> Match? {
        guard !trusted.contains(host.registrableDomain) else { return nil }
        let registeredIndex = host.labels.count - host.registrableLabelCount
        guard displayLabels.indices.contains(registeredIndex) else { return nil }
        let label = displayLabels[registeredIndex].lowercased()
        let words = label.split(separator: "-").map(String.init)
        for word in Set([label] + words) where word.count >= 3 {
            let skeleton = ConfusableSkeleton.of(word)
            for name in names where word != name.label {
                if skeleton == name.skeleton { return Match(name: name, label: word, byLetters: true) }
                if word == label, name.label.count >= editDistanceMinimumLength, Self.oneEditApart(word, name.label) {
                    return Match(name: name, label: word, byLetters: false)
                }
                // Two neighbours swapped is a typo trick even on a short name (`eaby`, `esty`).
                if name.label.count >= 4, Self.neighboursSwapped(word, name.label) {
                    return Match(name: name, label: word, byLetters: false)
                }
            }
        }
        return nil
    }

    /// The same letters with exactly two neighbours swapped.
    static func neighboursSwapped(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard x.count == y.count, x != y else { return false }
        let differing = x.indices.filter { x[$0] != y[$0] }
        return differing.count == 2 && differing[1] == differing[0] + 1 && x[differing[0]] == y[differing[1]]
            && x[differing[1]] == y[differing[0]]
    }

    /// One letter replaced, added, dropped, or two neighbours swapped.
    static func oneEditApart(_ a: String, _ b: String) -> Bool {
        guard abs(a.unicodeScalars.count - b.unicodeScalars.count) <= 1 else { return false }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard abs(x.count - y.count) <= 1, x != y else { return false }
        if x.count == y.count {
            let differing = x.indices.filter { x[$0] != y[$0] }
            if differing.count == 1 { return true }
            if differing.count == 2, differing[1] == differing[0] + 1,
                x[differing[0]] == y[differing[1]], x[differing[1]] == y[differing[0]]
            {
                return true
            }
            return false
        }
        let (long, short) = x.count > y.count ? (x, y) : (y, x)
        var i = 0, j = 0, skipped = false
        while i < long.count, j < short.count {
            if long[i] == short[j] {
                i += 1
                j += 1
            } else {
                if skipped { return false }
                skipped = true
                i += 1
            }
        }
        return true
    }
}
