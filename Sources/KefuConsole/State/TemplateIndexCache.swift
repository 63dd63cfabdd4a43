import KefuCore

/// The template search index kept in `AppState`, outside its equality (it follows from
/// `templates`, which already take part).
public struct TemplateIndexCache: Sendable, Hashable {
    public let index: TemplateIndex

    public init(_ templates: [Template]) {
        index = TemplateIndex(templates)
    }

    public static func == (lhs: TemplateIndexCache, rhs: TemplateIndexCache) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
