import Foundation

/// What a machine on the customer's side sent: an auto-reply (out of office, "we got your
/// mail") or a delivery report about a mail we sent. Neither is a customer waiting, so neither
/// starts a reply clock; a report that our reply could not be delivered brings the ticket back
/// (`TicketDraft.replyBounced`) and marks that reply `bounced` in the outbox.
public struct AutomaticMail: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// RFC 3834 `Auto-Submitted: auto-replied`, an out-of-office subject, `X-Autoreply`...
        case autoReply = "auto-reply"
        /// Other machine mail: `Auto-Submitted: auto-generated`, `Precedence: bulk`.
        case generated
        /// A delivery report (RFC 3464) whose recipients failed, or a mailer-daemon bounce.
        case deliveryFailed = "delivery-failed"
        /// A delivery report that says delivery is delayed and still tried.
        case deliveryDelayed = "delivery-delayed"
        /// A delivery report that says delivered, relayed or expanded.
        case deliveryReport = "delivery-report"
    }

    public var kind: Kind
    /// The Message-ID (without brackets) of the mail this one is about: the original of a
    /// delivery report, the mail an auto-reply answers; nil when it does not say.
    public var about: String?
    /// Why delivery failed or is delayed, in the report's own words (status and diagnostic),
    /// one line, at most `maximumReasonCharacters`. Untrusted: sanitised where it is drawn.
    public var reason: String?

    public static let maximumReasonCharacters = 200

    public init(kind: Kind, about: String? = nil, reason: String? = nil) {
        self.kind = kind
        self.about = about
        // One line, bounded: reasons come from remote servers.
        self.reason = reason.map { TerminalSanitizer.boundedLine($0, maximumCharacters: Self.maximumReasonCharacters) }
    }

    /// What the thread and the queue row say about it.
    public var summary: String {
        switch kind {
        case .autoReply: "Automatic reply"
        case .generated: "Automatic mail"
        case .deliveryFailed: "Reply bounced" + (reason.map { ": " + $0 } ?? "")
        case .deliveryDelayed: "Delivery delayed" + (reason.map { ": " + $0 } ?? "")
        case .deliveryReport: "Delivery report"
        }
    }
}
