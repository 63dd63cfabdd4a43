import KefuCore

/// An action that waits for the agent's yes, with the question the hint line asks.
public enum Confirmation: Sendable, Hashable {
    case noResponseNeeded(ticketID: Int64, customer: String)
    /// The reply checks warned (the composer lists what); send anyway?
    case sendDespiteWarnings(ticketID: Int64, warnings: Int)
    /// `S` on a conversation whose last message is the customer's, still unanswered.
    case solveUnanswered(ticketID: Int64, context: KeyContext)
    /// The send stopped at a greeting to someone else; put the customer's name in its place?
    case fixGreetingName(ticketID: Int64, wrong: String, right: String, line: Int, column: Int)
    /// The same tracking or evidence text is already in the reply; insert it a second time?
    case insertProofAgain(PendingProofInsert)
    /// The store stopped the send: newer messages arrived since the ticket was opened
    /// (`summary` says who wrote what, the thread shows them); send anyway?
    case sendDespiteNewer(ticketID: Int64, summary: String, newestID: Int64)

    public var question: String {
        switch self {
        case .noResponseNeeded(_, let customer):
            "No response needed for \(customer)? The open messages settle without a reply. y/n"
        case .solveUnanswered:
            // y/n within the first 80 columns: the rest may be cut on a small terminal.
            "No reply yet: solving counts it as unanswered. Solve anyway? y/n, or N: needs no reply"
        case .fixGreetingName(_, let wrong, let right, _, _):
            // The keys first: long names may run past a narrow screen's edge.
            "Not sent, wrong name — y: greet \(TerminalSanitizer.oneLine(right)) instead of “\(TerminalSanitizer.oneLine(wrong))”, n: leave it"
        case .insertProofAgain:
            "This text is already in the reply. Insert it again? y/n"
        case .sendDespiteNewer(_, let summary, _):
            "Not sent: \(summary) since you opened it (shown above). Send yours anyway? y/n"
        case .sendDespiteWarnings(_, let warnings):
            "\(warnings) warning\(warnings == 1 ? "" : "s") (listed under the reply). Send anyway? y/n"
        }
    }
}
