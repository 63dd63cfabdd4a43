import Foundation
import KefuCore

/// How the console behaves for this user.
public struct ConsoleSettings: Sendable, Hashable {
    /// What `Ctrl-S` does once the reply is stored.
    public enum AfterSend: String, Sendable, Hashable, CaseIterable {
        /// Open the next ticket to answer (the default).
        case next
        /// Stay on the ticket just answered.
        case stay
    }

    public var afterSend: AfterSend = .next

    public init(afterSend: AfterSend = .next) {
        self.afterSend = afterSend
    }
}

/// Reads the `console` section:
///
///     console:
///       after_send: stay     # next (the default): Ctrl-S opens the next ticket; stay: it does not
enum ConsoleSectionReader {
    static func read(_ section: ConfigNode) throws -> ConsoleSettings {
        let fields = try section.fields(["after_send"])
        var settings = ConsoleSettings()
        if let node = fields["after_send"] {
            let text = try node.text()
            guard let value = ConsoleSettings.AfterSend(rawValue: text.lowercased()) else {
                throw node.error("\"\(text)\" is not one of: \(ConsoleSettings.AfterSend.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            settings.afterSend = value
        }
        return settings
    }
}
