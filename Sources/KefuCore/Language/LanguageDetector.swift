/// Guesses the language a customer wrote in, so replies can follow it (DOMAIN.md, "Languages").
///
/// Two steps, both cheap and deterministic: the writing system decides Japanese, Chinese,
/// Korean, Russian/Ukrainian, Arabic, Greek, Hebrew and Thai outright; Latin-script text is
/// scored by how many common short words (and a few letters only one language uses) it shares
/// with each of English, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Swedish
/// and Turkish. When the evidence is thin or two languages tie, the answer is nil: a wrong
/// guess would pick the wrong template, "unsure" lets the agent choose.
public enum LanguageDetector {
    /// The BCP 47 primary tag ("en", "de", "ja", ...) or nil when unsure.
    public static func detect(_ text: String) -> String? {
        let counts = ScriptCounts(text)
        if let language = counts.nonLatinLanguage(text) { return language }
        guard counts.latin >= 3, counts.latin * 2 >= counts.letters else { return nil }
        return latinLanguage(text)
    }

    /// Per-language evidence for Latin-script text, highest first (for tests and debugging).
    public static func latinScores(_ text: String) -> [(language: String, score: Double)] {
        var scores: [String: Double] = [:]
        for word in words(of: text) {
            guard let languages = StopWords.index[word] else { continue }
            let weight = 1.0 / Double(languages.count)
            for language in languages { scores[language, default: 0] += weight }
        }
        for scalar in text.lowercased().unicodeScalars {
            if let language = StopWords.distinctiveLetters[scalar] { scores[language, default: 0] += 0.75 }
        }
        return scores.map { ($0.key, $0.value) }.sorted { ($0.score, $1.language) > ($1.score, $0.language) }
    }

    private static func latinLanguage(_ text: String) -> String? {
        let ranked = latinScores(text)
        guard let best = ranked.first, best.score >= 1.5 else { return nil }
        let runnerUp = ranked.dropFirst().first?.score ?? 0
        return best.score >= runnerUp * 1.5 && best.score - runnerUp >= 0.75 ? best.language : nil
    }

    static func words(of text: String) -> [String] {
        text.lowercased().split { !($0.isLetter) }.map(String.init)
    }
}

/// How many letters of each writing system a text has.
struct ScriptCounts {
    var letters = 0, latin = 0, kana = 0, han = 0, hangul = 0, cyrillic = 0, arabic = 0, greek = 0, hebrew = 0,
        thai = 0

    init(_ text: String) {
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: latin += 1
            case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: kana += 1
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF: han += 1
            case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: hangul += 1
            case 0x400...0x52F: cyrillic += 1
            case 0x600...0x6FF, 0x750...0x77F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: arabic += 1
            case 0x370...0x3FF, 0x1F00...0x1FFF: greek += 1
            case 0x590...0x5FF: hebrew += 1
            case 0xE00...0xE7F: thai += 1
            default: break
            }
        }
    }

    /// The language a non-Latin writing system settles, when it holds most of the letters.
    func nonLatinLanguage(_ text: String) -> String? {
        guard letters > 0 else { return nil }
        func most(_ count: Int) -> Bool { count * 2 >= letters }
        if kana > 0, most(kana + han) { return "ja" }
        if most(hangul) { return "ko" }
        if most(han) { return "zh" }
        if most(cyrillic) {
            let ukrainianOnly = text.unicodeScalars.contains { "їєґЇЄҐ".unicodeScalars.contains($0) }
            let russianOnly = text.unicodeScalars.contains { "ыэъЫЭЪ".unicodeScalars.contains($0) }
            return ukrainianOnly && !russianOnly ? "uk" : "ru"
        }
        if most(arabic) {
            let persianOnly = text.unicodeScalars.contains { "پچژگ".unicodeScalars.contains($0) }
            return persianOnly ? "fa" : "ar"
        }
        if most(greek) { return "el" }
        if most(hebrew) { return "he" }
        if most(thai) { return "th" }
        return nil
    }
}
