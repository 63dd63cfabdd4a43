import KefuCore

/// The outcome prompt of `S`: the first key picks the problem, the second the responsible party
/// and finishes. The resolution is preset from the problem (`Problem.usualResolution`); a digit
/// pressed before the second key changes it. So the common path is `S`, then two keystrokes.
public struct OutcomePromptState: Sendable, Hashable {
    public enum Mode: Sendable, Hashable {
        /// Solve the ticket and record the outcome.
        case solve
        /// A lead changes the outcome of a ticket (`:outcome ID`).
        case edit
    }

    public var ticketID: Int64
    public var customerName: String
    public var mode: Mode
    public var problem: Problem?
    /// Set by a digit; nil means the problem's usual resolution.
    public var resolution: Resolution?

    public init(ticketID: Int64, customerName: String, mode: Mode = .solve) {
        self.ticketID = ticketID
        self.customerName = customerName
        self.mode = mode
    }

    /// The resolution that will be recorded if the agent finishes now.
    public var effectiveResolution: Resolution? { resolution ?? problem?.usualResolution }
}
