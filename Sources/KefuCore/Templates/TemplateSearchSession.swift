/// The picker's search as the agent types: each keystroke that only adds to the query searches
/// just the templates the previous query matched, since adding a character can only narrow a
/// match (a fuzzy or exact match of "damag" is implied by one of "damage"). Deleting a
/// character, or changing the stage filter, starts again from the whole index.
public struct TemplateSearchSession: Sendable {
    public let index: TemplateIndex
    private var previousQuery: String?
    private var previousStage: TemplateStage?
    private var previousMatches: [Int]?

    public init(index: TemplateIndex) {
        self.index = index
    }

    public init(templates: [Template]) {
        self.init(index: TemplateIndex(templates))
    }

    /// The same results as `TemplateIndex.search`, found faster while the query grows.
    public mutating func search(_ query: String, stage: TemplateStage? = nil, usage: [String: Int] = [:]) -> [Template] {
        let narrows = previousQuery.map { !$0.isEmpty && query.hasPrefix($0) } ?? false
        let candidates = narrows && stage == previousStage ? previousMatches : nil
        let result = index.matches(query, stage: stage, usage: usage, among: candidates)
        previousQuery = query
        previousStage = stage
        previousMatches = result.matched
        return result.hits.map(\.template)
    }
}
