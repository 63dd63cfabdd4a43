/// Who wrote a message: the customer, the seller's agent, an agent writing a note only the team
/// sees, or a machine on the customer's side (an out-of-office reply, a delivery report).
public enum MessageDirection: String, Codable, Sendable, Hashable {
    case inbound = "in"
    case outbound = "out"
    case note
    /// Mail sent without a person (RFC 3834 auto-replies, RFC 3464 delivery reports): shown in
    /// the thread, but it never starts or restarts a reply clock and is never the last word.
    case automatic = "auto"
}

/// Who spoke last in a conversation. "The last word is the seller's": a conversation whose
/// last word is the customer's still needs an answer.
public enum Speaker: String, Codable, Sendable, Hashable {
    case customer
    case agent
}
