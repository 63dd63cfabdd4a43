import Foundation

/// A carrier's tracking-page address with `{n}` where the number goes, e.g.
/// `https://www.ups.com/track?tracknum={n}`. Carriers move these pages, so they are data that
/// users can override, never code.
public struct TrackingURLTemplate: Sendable, Hashable, CustomStringConvertible {
    public let template: String

    /// Accepts only http(s) addresses that contain `{n}`: a template without the number would
    /// send every buyer to the same page, which looks like a link but proves nothing.
    public init(_ template: String) throws {
        guard template.hasPrefix("https://") || template.hasPrefix("http://") else {
            throw TrackingURLTemplateError(template: template, message: "must start with https:// or http://")
        }
        guard template.contains("{n}") else {
            throw TrackingURLTemplateError(template: template, message: "has no {n} where the number goes")
        }
        self.template = template
    }

    /// For templates written in this module and known to be well formed.
    init(known template: String) {
        self.template = template
    }

    public var description: String { template }

    /// The address for `number`. Normalised numbers are letters and digits only; anything else
    /// is percent-encoded so a hand-typed number cannot change the address's structure.
    public func url(for number: String) -> String {
        let safe = number.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? number
        return template.replacingOccurrences(of: "{n}", with: safe)
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

/// A tracking-page template that cannot be used; says which and why.
public struct TrackingURLTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var template: String
    public var message: String

    public var description: String { "URL template '\(template)': \(message)" }
}
