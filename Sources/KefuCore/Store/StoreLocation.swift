import Foundation

/// Where a store lives, as `--db`, `KEFU_DB` or `store.url` name it: a SQLite file (a path, or
/// `sqlite:PATH` / `file:PATH`) or a PostgreSQL database (`postgres://user@host:port/dbname`).
/// Anything else is refused with the forms Kefu knows, never taken as a file name: a mistyped
/// URL must not become a new, empty store.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// The schemes `--db` understands, for error messages.
    public static let knownSchemes = ["postgres://", "postgresql://", "sqlite:", "file:"]

    /// `defaultUser`: the PostgreSQL user when a URL names none.
    public init(parsing text: String, defaultUser: String = "postgres") throws(StoreLocationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw StoreLocationError(text: text, problem: "is empty") }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(try PostgresAddress(parsing: trimmed, defaultUser: defaultUser))
        } else if lower.hasPrefix("sqlite:") || lower.hasPrefix("file:") {
            var path = String(trimmed[trimmed.index(after: trimmed.firstIndex(of: ":")!)...])
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw StoreLocationError(text: text, problem: "names no file") }
            self = .sqlite(path: path.removingPercentEncoding ?? path)
        } else if let scheme = Self.urlScheme(of: trimmed) {
            throw StoreLocationError(
                text: text,
                problem: "uses the scheme \(scheme):, which Kefu does not serve (it knows \(Self.knownSchemes.joined(separator: ", ")) and plain file paths)")
        } else {
            self = .sqlite(path: trimmed)
        }
    }

    /// `scheme` of `scheme://…` or `scheme:…` when the text looks like a URL rather than a path
    /// (a letter, then letters, digits, `+`, `-` or `.`, then `:`; one letter alone is a
    /// Windows drive, not a scheme).
    static func urlScheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard scheme.count > 1, let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return String(scheme)
    }

    /// For messages: the path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let address): address.description
        }
    }
}

/// A `--db` value Kefu cannot use, with what is wrong with it.
public struct StoreLocationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The value as given, with any password blanked.
    public var text: String
    public var problem: String

    public init(text: String, problem: String) {
        self.text = PostgresAddress.redacting(text)
        self.problem = problem
    }

    public var description: String { "the store \"\(text)\" \(problem)" }
}
