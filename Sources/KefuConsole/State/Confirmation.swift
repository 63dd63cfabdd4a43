/// An action that waits for the agent's yes, with the question the hint line asks.
public enum Confirmation: Sendable, Hashable {
    case noResponseNeeded(ticketID: Int64, customer: String)

    public var question: String {
        switch self {
        case .noResponseNeeded(_, let customer):
            "No response needed for \(customer)? The open messages settle without a reply. y/n"
        }
    }
}
