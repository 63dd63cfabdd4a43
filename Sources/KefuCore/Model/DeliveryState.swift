/// Where a reply stands in the outbox: `queued` (stored, not handed over), `sending` (a
/// handoff is under way or was cut short), `sent` (handed over to the mail command or the
/// connector's file), `bounced` (sent, then returned by a delivery report), `failed` (nothing handed over; `lastError` says why, a later delivery
/// pass retries). `attempts` counts handoffs tried, so a retried reply shows it.
public struct DeliveryState: Sendable, Hashable {
    public var state: String
    public var attempts: Int
    public var lastError: String?
    /// Evidence ids whose files go (went) with the reply.
    public var attachments: [String]

    public init(state: String, attempts: Int = 0, lastError: String? = nil, attachments: [String] = []) {
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.attachments = attachments
    }

    /// The label and, when the reply carries evidence, `· attach: EV-2F9A, EV-9F00`, as the
    /// composer showed it.
    public var labelWithAttachments: String {
        attachments.isEmpty ? label : label + " · attach: " + attachments.joined(separator: ", ")
    }

    /// A short label for the thread pane and `kefu outbox`: `queued`, `sent`, `sent (2 attempts)`,
    /// `failed: connection refused (attempt 2)`. Untrusted text in `lastError` is the caller's
    /// to sanitise.
    public var label: String {
        switch state {
        case "failed":
            let reason = lastError.map { ": " + $0 } ?? ""
            return "failed\(reason)" + (attempts > 1 ? " (attempt \(attempts))" : "")
        case "bounced":
            return "bounced" + (lastError.map { ": " + $0 } ?? "")
        case "sent":
            return attempts > 1 ? "sent (\(attempts) attempts)" : "sent"
        default:
            return state
        }
    }
}
