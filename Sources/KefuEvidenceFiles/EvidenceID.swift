import Foundation

/// The short name agents and buyers use for a piece of evidence: `EV-` and the first hex digits
/// of its SHA-256 in upper case, e.g. `EV-2F9A`.
///
/// Four hex digits give 65,536 names, so two different files will sooner or later share a
/// prefix. Collisions are settled when an id is first given out (`assign`): the newer evidence
/// gets one more digit (`EV-2F9A7`), and again if that is taken, up to the full hash. An id,
/// once given, never changes, and ids are looked up exactly, never as prefixes, so `EV-2F9A`
/// keeps meaning the evidence that got it first.
public struct EvidenceID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let prefix = "EV-"
    public static let minimumDigits = 4

    /// `EV-2F9A`.
    public let text: String

    /// The id with `digits` hex digits of `sha256` (clamped to 4...64).
    public init(sha256: String, digits: Int = EvidenceID.minimumDigits) {
        let count = min(max(digits, Self.minimumDigits), sha256.count)
        text = Self.prefix + sha256.prefix(count).uppercased()
    }

    /// Accepts what an agent types: `EV-2F9A`, `ev-2f9a`, `2F9A`.
    public init?(parsing input: String) {
        var body = Substring(input.trimmingCharacters(in: .whitespaces).uppercased())
        if body.hasPrefix(Self.prefix) { body = body.dropFirst(Self.prefix.count) }
        guard (Self.minimumDigits...64).contains(body.count), body.allSatisfy(\.isHexDigit) else { return nil }
        text = Self.prefix + body
    }

    public var description: String { text }

    public static func < (lhs: EvidenceID, rhs: EvidenceID) -> Bool { lhs.text < rhs.text }

    /// The shortest free id for `sha256`. `owner` answers which evidence already holds an id
    /// (its SHA-256), or nil when the id is free; the database does this with its unique index
    /// on the id column, inside the transaction that inserts the row.
    ///
    /// The same content always gets back the id it already has, so adding a file twice is
    /// idempotent.
    public static func assign(sha256: String, owner: (EvidenceID) throws -> String?) rethrows -> EvidenceID {
        let hash = sha256.lowercased()
        var digits = minimumDigits
        while true {
            let candidate = EvidenceID(sha256: hash, digits: digits)
            guard let holder = try owner(candidate), holder.lowercased() != hash, digits < hash.count else {
                return candidate
            }
            digits += 1
        }
    }
}
