/// Ranks templates for the picker: fuzzy match over title, name, keywords and text; an empty
/// query lists by stage; among equal matches the most used rise.
public enum TemplateSearch {
    public struct Hit: Sendable, Hashable {
        public var template: Template
        public var score: Int
    }

    public static func rank(
        _ templates: [Template], query: String, stage: TemplateStage? = nil, usage: [String: Int] = [:]
    ) -> [Template] {
        let candidates = stage.map { s in templates.filter { $0.stage == s } } ?? templates
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            return candidates.sorted {
                ($0.stage, -(usage[$0.name] ?? 0), $0.title) < ($1.stage, -(usage[$1.name] ?? 0), $1.title)
            }
        }
        var hits: [Hit] = []
        for template in candidates {
            let fields = [template.title, template.name, template.keywords.joined(separator: " "), template.situation]
            var best = fields.compactMap { FuzzyMatcher.score(trimmed, in: $0) }.max().map { $0 * 2 }
            if best == nil {
                best = template.variants.values.lazy.compactMap { FuzzyMatcher.score(trimmed, in: $0) }.max()
            }
            guard let score = best else { continue }
            hits.append(Hit(template: template, score: score + min(usage[template.name] ?? 0, 50)))
        }
        return hits.sorted { ($0.score, $1.template.title) > ($1.score, $0.template.title) }.map(\.template)
    }
}

import Foundation
