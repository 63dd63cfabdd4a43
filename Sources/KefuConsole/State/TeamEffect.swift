import KefuCore

/// The team's work for the engine: assigning, solving, editing outcomes, reading the meters.
public enum TeamEffect: Sendable, Hashable {
    case assign(ticketIDs: [Int64], to: String?)
    case solve(ticketID: Int64, outcome: OutcomeChoice)
    case setOutcome(ticketID: Int64, outcome: OutcomeChoice)
    case loadDashboard
}

/// What the engine answers to a `TeamEffect`.
public enum TeamAnswer: Sendable, Hashable {
    case assigned(changes: [Assignment], requested: Int, to: String?)
    case solved(SolvedTicket)
    case outcomeSet(RecordedOutcome)
    case dashboardLoaded(DashboardFigures)
}

extension Effect {
    /// Writes of our own that move the store's change token (already reflected on screen).
    var isTeamWrite: Bool {
        guard case .team(let effect) = self else { return false }
        if case .loadDashboard = effect { return false }
        return true
    }
}
