/// Who wrote a message: the customer, the seller's agent, or an agent writing a note only the team sees.
public enum MessageDirection: String, Codable, Sendable, Hashable {
    case inbound = "in"
    case outbound = "out"
    case note
}

/// Who spoke last in a conversation. "The last word is the seller's": a conversation whose
/// last word is the customer's still needs an answer.
public enum Speaker: String, Codable, Sendable, Hashable {
    case customer
    case agent
}
