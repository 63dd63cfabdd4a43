/// The stage of the sale a reply template is for (seed 001, 2.2).
public enum TemplateStage: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    case preSale = "pre-sale"
    case inSale = "in-sale"
    case afterSale = "after-sale"

    public var title: String {
        switch self {
        case .preSale: "Pre-sale"
        case .inSale: "In-sale"
        case .afterSale: "After-sale"
        }
    }

    public static func < (lhs: TemplateStage, rhs: TemplateStage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A reply for one standard situation, written once per language.
public struct Template: Sendable, Hashable, Identifiable {
    /// Unique key; a user's template with the same name replaces the shipped one.
    public var name: String
    public var title: String
    public var stage: TemplateStage
    public var situation: String
    public var keywords: [String]
    /// Placeholders the agent fills by hand (a discount, an item number), in the order asked.
    public var fields: [String]
    /// Body text per language (BCP 47 primary tag: "en", "de", ...).
    public var variants: [String: String]

    public var id: String { name }

    public init(
        name: String, title: String, stage: TemplateStage, situation: String, keywords: [String],
        fields: [String], variants: [String: String]
    ) {
        self.name = name
        self.title = title
        self.stage = stage
        self.situation = situation
        self.keywords = keywords
        self.fields = fields
        self.variants = variants
    }

    /// The variant for a customer's language, falling back to English.
    public func body(for language: String?) -> (language: String, text: String) {
        let primary = language.map { String($0.lowercased().prefix { $0 != "-" && $0 != "_" }) }
        if let primary, let text = variants[primary] { return (primary, text) }
        if let text = variants["en"] { return ("en", text) }
        let first = variants.sorted { $0.key < $1.key }.first!
        return (first.key, first.value)
    }
}
