/// One problem the reply checks found before sending: what, where, and how to fix it.
public struct ReplyFinding: Sendable, Hashable {
    /// Blocking findings stop sending; warnings can be sent anyway after a second confirmation.
    public enum Severity: String, Sendable, Hashable, Comparable, Codable {
        case blocking
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .blocking && rhs == .warning
        }
    }

    /// Which check spoke; stable names for tests, config and the audit log.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case emptyReply = "empty-reply"
        case unfilledPlaceholder = "unfilled-placeholder"
        case leftoverMarker = "leftover-marker"
        case unsafeLink = "unsafe-link"
        /// A paragraph with a link asks the buyer to log in, verify an account or pay.
        case linkAsksForLogin = "link-asks-for-login"
        case shoutedParagraph = "shouted-paragraph"
        case longSentence = "long-sentence"
        case missingGreeting = "missing-greeting"
        case missingThanks = "missing-thanks"
        case tooFewSolutions = "too-few-solutions"
        case languageMismatch = "language-mismatch"
        case questionWithoutReference = "question-without-reference"
        case attachmentPromised = "attachment-promised"
        /// The greeting names someone other than this ticket's customer.
        case wrongCustomerName = "wrong-customer-name"

        public var severity: Severity {
            switch self {
            case .emptyReply, .unfilledPlaceholder, .leftoverMarker, .unsafeLink, .linkAsksForLogin, .wrongCustomerName: .blocking
            default: .warning
            }
        }
    }

    public var kind: Kind
    public var severity: Severity { kind.severity }
    /// What is wrong, in one line.
    public var message: String
    /// Where in the reply (for whole-reply findings, the start).
    public var location: ReplyLocation
    /// What the agent can do about it.
    public var fix: String
    /// Text that can replace the location's excerpt as it stands (the customer's name for a
    /// greeting to someone else), so a console can offer the fix as one key.
    public var suggestion: String?

    public init(kind: Kind, message: String, location: ReplyLocation, fix: String, suggestion: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.fix = fix
        self.suggestion = suggestion
    }

    public var isBlocking: Bool { severity == .blocking }
}

/// A place in the reply: 1-based line and column (in characters as the agent sees them) and
/// the text found there, so the console can both point at it and quote it.
public struct ReplyLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var excerpt: String

    public init(line: Int, column: Int, excerpt: String) {
        self.line = line
        self.column = column
        self.excerpt = excerpt
    }

    public var description: String {
        excerpt.isEmpty ? "line \(line), column \(column)" : "line \(line), column \(column): \(excerpt)"
    }
}

extension Array where Element == ReplyFinding {
    /// True when the reply must not be sent as it is.
    public var blocksSending: Bool { contains(where: \.isBlocking) }

    /// The warnings an agent must confirm before sending.
    public var warnings: [ReplyFinding] { filter { !$0.isBlocking } }
}
