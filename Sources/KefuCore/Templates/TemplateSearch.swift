/// Ranks templates for the picker: fuzzy match over title, name, keywords and text; an empty
/// query lists by stage; among equal matches the most used rise.
///
/// `rank` prepares the templates on every call; a picker that searches on each keystroke
/// should build a `TemplateIndex` once and call its `search` instead.
public enum TemplateSearch {
    public struct Hit: Sendable, Hashable {
        public var template: Template
        public var score: Int

        public init(template: Template, score: Int) {
            self.template = template
            self.score = score
        }
    }

    public static func rank(
        _ templates: [Template], query: String, stage: TemplateStage? = nil, usage: [String: Int] = [:]
    ) -> [Template] {
        TemplateIndex(templates).search(query, stage: stage, usage: usage)
    }
}
