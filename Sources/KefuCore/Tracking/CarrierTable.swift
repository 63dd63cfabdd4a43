import Foundation

/// Every carrier scheme Kefu recognises, plus the universal tracker for the rest: the shipped
/// table with the user's table laid over it.
///
/// Merging, by entry id: a user entry with a new id is added; one with a shipped id replaces the
/// fields it gives and keeps the rest, so `{"id": "ups", "url": "https://..."}` changes only
/// UPS's link and `{"id": "dhl-express", "enabled": false}` switches a scheme off. A user
/// `"universal"` replaces the shipped one.
///
/// Defaults for fields an entry never gets: `scheme` = the carrier name, `check` = `none`,
/// `url` = none (the universal tracker is linked), `priority` = 1000 (tried after every shipped
/// entry, so a user's own courier cannot capture numbers of a known scheme unless the user
/// gives it a lower priority on purpose), `enabled` = true.
public struct CarrierTable: Sendable, Hashable {
    /// All entries, in the order the detector tries them: priority, then file order.
    public let entries: [CarrierEntry]
    public var universal: UniversalTracker

    public static let defaultPriority = 1000

    public init(entries: [CarrierEntry], universal: UniversalTracker = .seventeenTrack) {
        self.entries = entries.enumerated()
            .sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }
            .map(\.element)
        self.universal = universal
    }

    /// Merges `user` over `shipped` (see the type's documentation). Errors name the file and
    /// the carrier id: a duplicate id within one file, an unknown check rule, a pattern or URL
    /// template that does not compile, a new entry without a name or patterns.
    public init(shipped: CarrierTableFile, user: CarrierTableFile? = nil) throws {
        var order: [String] = []
        var merged: [String: (entry: CarrierTableFile.Entry, file: String)] = [:]
        for table in [shipped] + (user.map { [$0] } ?? []) {
            var seen: Set<String> = []
            for entry in table.carriers {
                guard !entry.id.isEmpty else { throw ConfigError(file: table.file, message: "a carrier has an empty id") }
                guard seen.insert(entry.id).inserted else {
                    throw ConfigError(file: table.file, message: "carrier '\(entry.id)' appears twice")
                }
                if let existing = merged[entry.id] {
                    merged[entry.id] = (Self.overlay(entry, on: existing.entry), table.file)
                } else {
                    order.append(entry.id)
                    merged[entry.id] = (entry, table.file)
                }
            }
        }
        let entries = try order.map { id in
            let (entry, file) = merged[id]!
            return try Self.resolve(entry, file: file)
        }
        var universal = UniversalTracker.seventeenTrack
        for table in [shipped] + (user.map { [$0] } ?? []) {
            guard let given = table.universal else { continue }
            do {
                universal = UniversalTracker(name: given.name, url: try TrackingURLTemplate(given.url))
            } catch {
                throw ConfigError(file: table.file, message: "universal tracker: \(error)")
            }
        }
        self.init(entries: entries, universal: universal)
    }

    /// Loads the shipped table and, when given, the user's table over it.
    public static func load(shipped: URL, user: URL? = nil) throws -> CarrierTable {
        try CarrierTable(shipped: CarrierTableFile.load(from: shipped), user: user.map(CarrierTableFile.load(from:)))
    }

    public func entry(id: String) -> CarrierEntry? {
        entries.first { $0.id == id }
    }

    private static func overlay(_ patch: CarrierTableFile.Entry, on base: CarrierTableFile.Entry) -> CarrierTableFile.Entry {
        CarrierTableFile.Entry(
            id: base.id,
            name: patch.name ?? base.name,
            scheme: patch.scheme ?? base.scheme,
            patterns: patch.patterns ?? base.patterns,
            check: patch.check ?? base.check,
            url: patch.url ?? base.url,
            priority: patch.priority ?? base.priority,
            enabled: patch.enabled ?? base.enabled
        )
    }

    private static func resolve(_ entry: CarrierTableFile.Entry, file: String) throws -> CarrierEntry {
        func fail(_ message: String) -> ConfigError {
            ConfigError(file: file, message: "carrier '\(entry.id)': \(message)")
        }
        guard let name = entry.name, !name.isEmpty else { throw fail("missing field 'name'") }
        guard let patternTexts = entry.patterns, !patternTexts.isEmpty else { throw fail("missing field 'patterns'") }
        let patterns: [TrackingPattern]
        do { patterns = try patternTexts.map(TrackingPattern.init) } catch { throw fail("\(error)") }
        let check: CheckRule
        if let text = entry.check {
            guard let rule = CheckRule(rawValue: text) else {
                let known = CheckRule.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("unknown check rule '\(text)' (known: \(known))")
            }
            check = rule
        } else {
            check = .none
        }
        var url: TrackingURLTemplate?
        if case .some(.some(let text)) = entry.url {
            do { url = try TrackingURLTemplate(text) } catch { throw fail("\(error)") }
        }
        return CarrierEntry(
            id: entry.id, name: name, scheme: entry.scheme ?? name, patterns: patterns, check: check, url: url,
            priority: entry.priority ?? defaultPriority, enabled: entry.enabled ?? true
        )
    }
}
