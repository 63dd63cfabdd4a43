import Foundation

/// What the demo store is made from (`Resources/demo.json`): customers and phrases per language,
/// customer situations with their first message per language, products.
public struct DemoRecipe: Sendable, Decodable {
    public struct Language: Sendable, Decodable {
        public var customers: [String]
        public var greeting: String
        public var agentReply: String
        public var followup: String

        enum CodingKeys: String, CodingKey {
            case customers, greeting, followup
            case agentReply = "agent_reply"
        }
    }

    public struct Situation: Sendable, Decodable {
        public var kind: String
        /// Subject and body of the customer's first message, per language.
        public var texts: [String: [String]]

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            kind = try container.decode(String.self, forKey: AnyKey("kind"))
            var texts: [String: [String]] = [:]
            for key in container.allKeys where key.stringValue != "kind" {
                texts[key.stringValue] = try container.decode([String].self, forKey: key)
            }
            self.texts = texts
        }
    }

    public var storeName: String
    public var agent: String
    public var languages: [String: Language]
    public var situations: [Situation]
    public var products: [[String]]

    enum CodingKeys: String, CodingKey {
        case agent, languages, situations, products
        case storeName = "store_name"
    }

    public static func load(from url: URL) throws -> DemoRecipe {
        do {
            return try JSONDecoder().decode(DemoRecipe.self, from: Data(contentsOf: url))
        } catch {
            throw ConfigError(file: url.path, message: ConfigError.describe(error))
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
