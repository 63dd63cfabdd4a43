import Foundation

/// Templates prepared once for the picker, so each keystroke only compares numbers: every
/// searchable field is folded to lowercase, accent-free scalars with a character bitmask, and
/// fields whose mask lacks a typed character are skipped without a scan.
///
/// Matching: the query is split into terms at spaces, and every term must match. In the header
/// (title, name, situation, each keyword) a term matches fuzzily, fzf-style; a header whose
/// title or keyword starts with the whole query ranks highest. Only when the header does not
/// match are the bodies searched, and there a term must appear as written (a loose fuzzy match
/// over pages of text in eight languages would match almost anything).
///
/// Build it when the library loads (or changes) and call `search` on every keystroke.
public struct TemplateIndex: Sendable {
    struct Entry: Sendable {
        let template: Template
        /// Title, name, situation and each keyword, in that order.
        let header: [SearchText]
        let headerMask: UInt64
        /// Every language variant, joined.
        let body: SearchBody
        /// Position in title order, so ties sort by a number instead of comparing strings.
        let titleOrder: Int
    }

    let entries: [Entry]

    public init(_ templates: [Template]) {
        let titleOrder = Dictionary(
            uniqueKeysWithValues: templates.indices.sorted { templates[$0].title < templates[$1].title }.enumerated()
                .map { ($0.element, $0.offset) })
        entries = templates.enumerated().map { offset, template in
            let header = ([template.title, template.name, template.situation] + template.keywords).map(SearchText.init)
            let body = SearchBody(template.variants.sorted { $0.key < $1.key }.map(\.value).joined(separator: "\n"))
            return Entry(
                template: template, header: header, headerMask: header.reduce(0) { $0 | $1.mask }, body: body,
                titleOrder: titleOrder[offset]!)
        }
    }

    public var count: Int { entries.count }

    /// Templates matching `query`, best first. An empty query lists by stage, the most used
    /// first within a stage; otherwise header matches beat text matches and usage breaks near-ties.
    public func search(_ query: String, stage: TemplateStage? = nil, usage: [String: Int] = [:]) -> [Template] {
        hits(query, stage: stage, usage: usage).map(\.template)
    }

    /// Like `search`, with the scores (for tests and for showing why a template came first).
    public func hits(_ query: String, stage: TemplateStage? = nil, usage: [String: Int] = [:]) -> [TemplateSearch.Hit] {
        matches(query, stage: stage, usage: usage, among: nil).hits
    }

    /// The search itself, optionally limited to candidate entries (a narrowing keystroke only
    /// needs to look at what the previous query matched); also returns the matching entries.
    func matches(_ query: String, stage: TemplateStage?, usage: [String: Int], among candidates: [Int]?)
        -> (hits: [TemplateSearch.Hit], matched: [Int]?)
    {
        let phrase = FuzzyMatcher.searchScalars(query.trimmingCharacters(in: .whitespaces))
        let terms = phrase.split(separator: 0x20).map(Array.init)
        if terms.isEmpty {
            let listed = entries.filter { stage == nil || $0.template.stage == stage }
                .sorted {
                    ($0.template.stage, -(usage[$0.template.name] ?? 0), $0.titleOrder)
                        < ($1.template.stage, -(usage[$1.template.name] ?? 0), $1.titleOrder)
                }
                .map { TemplateSearch.Hit(template: $0.template, score: 0) }
            return (listed, nil)
        }
        let termMasks = terms.map(SearchText.mask(of:))
        let termBytes = terms.map { term in
            var text = ""
            text.unicodeScalars.append(contentsOf: term.compactMap(Unicode.Scalar.init))
            return Array(text.utf8)
        }
        let queryMask = termMasks.reduce(0, |)
        var scored: [(entry: Int, score: Int)] = []
        for index in candidates ?? Array(entries.indices) {
            let entry = entries[index]
            if let stage, entry.template.stage != stage { continue }
            var score: Int?
            if queryMask & entry.headerMask == queryMask {
                score = headerScore(entry, terms: terms, masks: termMasks, phrase: phrase)
            }
            if score == nil, entry.body.mayContain(queryMask) {
                score = bodyScore(entry.body, terms: termBytes)
            }
            guard let score else { continue }
            scored.append((index, score + (usage.isEmpty ? 0 : min(usage[entry.template.name] ?? 0, 50))))
        }
        let matched = scored.map(\.entry)
        scored.sort { ($0.score, entries[$1.entry].titleOrder) > ($1.score, entries[$0.entry].titleOrder) }
        return (scored.map { TemplateSearch.Hit(template: entries[$0.entry].template, score: $0.score) }, matched)
    }

    /// Sum of each term's best fuzzy score over the header fields, doubled so any header match
    /// outranks a body match, plus a bonus when a title or keyword begins with the whole query.
    private func headerScore(_ entry: Entry, terms: [[UInt32]], masks: [UInt64], phrase: [UInt32]) -> Int? {
        var total = 0
        for (term, mask) in zip(terms, masks) {
            var best: Int?
            for field in entry.header where field.mayContain(mask) {
                if let score = FuzzyMatcher.score(needle: term, in: field), score > (best ?? Int.min) { best = score }
            }
            guard let best else { return nil }
            total += best
        }
        let startsWithQuery = entry.header.contains { $0.scalars.starts(with: phrase) }
        return total * 2 + (startsWithQuery ? 100 : 0)
    }

    /// Every term must appear in the text as written; a first hit at a word start counts more.
    private func bodyScore(_ body: SearchBody, terms: [[UInt8]]) -> Int? {
        var total = 0
        for term in terms {
            guard let found = body.firstOccurrence(of: term) else { return nil }
            total += term.count * (found.atWordStart ? 3 : 1)
        }
        return total
    }
}
