import Foundation

/// One carrier table as written on disk (the shipped `Resources/carriers.json` or a user's
/// override), before merging. Entries may be partial: in a user file, an entry whose id is
/// already known only needs the fields it changes. Unknown fields inside an entry are errors
/// (a misspelt field would silently do nothing); top-level keys other than `universal` and
/// `carriers`, such as the shipped file's `about`, are ignored.
///
/// ```json
/// {
///   "universal": {"name": "17TRACK", "url": "https://t.17track.net/en#nums={n}"},
///   "carriers": [
///     {"id": "ups", "name": "UPS", "scheme": "UPS 1Z", "check": "ups-1z", "priority": 10,
///      "patterns": ["1Z{X15}{D}"], "url": "https://www.ups.com/track?tracknum={n}"},
///     {"id": "dhl-express", "enabled": false}
///   ]
/// }
/// ```
public struct CarrierTableFile: Sendable, Hashable {
    /// Fields of one entry as written; nil means "not given".
    public struct Entry: Sendable, Hashable, Decodable {
        public var id: String
        public var name: String?
        public var scheme: String?
        public var patterns: [String]?
        public var check: String?
        /// `null` in the file removes a shipped URL (falls back to the universal tracker).
        public var url: String??
        public var priority: Int?
        public var enabled: Bool?

        public init(
            id: String, name: String? = nil, scheme: String? = nil, patterns: [String]? = nil, check: String? = nil,
            url: String?? = .none, priority: Int? = nil, enabled: Bool? = nil
        ) {
            self.id = id
            self.name = name
            self.scheme = scheme
            self.patterns = patterns
            self.check = check
            self.url = url
            self.priority = priority
            self.enabled = enabled
        }

        enum CodingKeys: String, CodingKey {
            case id, name, scheme, patterns, check, url, priority, enabled
        }

        /// Unknown fields are errors, not silently ignored: a user who writes `"pattern"` for
        /// `"patterns"` would otherwise see their override do nothing.
        public init(from decoder: any Decoder) throws {
            let everything = try decoder.container(keyedBy: FieldName.self)
            for key in everything.allKeys where CodingKeys(stringValue: key.stringValue) == nil {
                let known = "id, name, scheme, patterns, check, url, priority, enabled"
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: everything.codingPath + [key],
                        debugDescription: "unknown field '\(key.stringValue)' (known: \(known))"))
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            scheme = try container.decodeIfPresent(String.self, forKey: .scheme)
            patterns = try container.decodeIfPresent([String].self, forKey: .patterns)
            check = try container.decodeIfPresent(String.self, forKey: .check)
            if container.contains(.url) {
                url = .some(try container.decodeNil(forKey: .url) ? nil : container.decode(String.self, forKey: .url))
            } else {
                url = .none
            }
            priority = try container.decodeIfPresent(Int.self, forKey: .priority)
            enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
        }
    }

    private struct FieldName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public struct Universal: Sendable, Hashable, Decodable {
        public var name: String
        public var url: String

        public init(name: String, url: String) {
            self.name = name
            self.url = url
        }
    }

    /// Where the table came from, for error messages.
    public var file: String
    public var universal: Universal?
    public var carriers: [Entry]

    public init(file: String, universal: Universal? = nil, carriers: [Entry]) {
        self.file = file
        self.universal = universal
        self.carriers = carriers
    }

    /// Reads a table file; errors name the file and the field.
    public static func load(from url: URL) throws -> CarrierTableFile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConfigError(file: url.path, message: "cannot read the carrier table")
        }
        return try parse(data, file: url.path)
    }

    public static func parse(_ data: Data, file: String) throws -> CarrierTableFile {
        struct Body: Decodable {
            var universal: Universal?
            var carriers: [Entry]
        }
        do {
            let body = try JSONDecoder().decode(Body.self, from: data)
            return CarrierTableFile(file: file, universal: body.universal, carriers: body.carriers)
        } catch {
            throw ConfigError(file: file, message: ConfigError.describe(error))
        }
    }
}
