import Foundation
import KefuCore

/// The team's effects against the store. Assignment, outcomes and meters are capabilities of
/// their own (`AssignmentStore`, `OutcomeStore`, `MetersStore`); a store without one says so.
extension ConsoleEngine {
    struct MissingCapability: Error, CustomStringConvertible {
        var what: String
        var description: String { "this store cannot \(what)" }
    }

    /// Blocks until the dashboard reader's background work (the week's answers) is done; for
    /// benchmarks and tests that need the next refresh to have everything.
    public func waitForBackgroundWork() {
        liveMeters?.reader.waitUntilComplete()
    }

    func performTeam(_ effect: TeamEffect) throws -> Action? {
        let store = environment.store
        let now = environment.clock.now()
        let me = state.profile.acting
        switch effect {
        case .assign(let ids, let name):
            guard let owners = store as? any AssignmentStore else { throw MissingCapability(what: "assign tickets") }
            let changes = try owners.assign(ticketIDs: ids, to: name, acting: me, now: now)
            return .team(.assigned(changes: changes, requested: ids.count, to: name))
        case .solve(let id, let outcome):
            guard let outcomes = store as? any OutcomeStore else { throw MissingCapability(what: "record outcomes") }
            return .team(.solved(try outcomes.solve(ticketID: id, outcome: outcome, acting: me, now: now)))
        case .setOutcome(let id, let outcome):
            guard let outcomes = store as? any OutcomeStore else { throw MissingCapability(what: "record outcomes") }
            return .team(.outcomeSet(try outcomes.setOutcome(ticketID: id, outcome: outcome, acting: me, now: now)))
        case .loadDashboard:
            guard let meters = store as? any MetersStore else { throw MissingCapability(what: "read the meters") }
            if liveMeters?.timeZone != state.timeZone { liveMeters = (state.timeZone, meters.liveMeters(timeZone: state.timeZone)) }
            let inputs = try liveMeters!.reader.read(now: state.now)
            var figures = DashboardFigures.compute(inputs, members: state.profile.team)
            if let safety = store as? any SafetyStore {
                figures.scamWaves = try safety.scamWaves(now: now, rule: environment.scamWaveRule)
            }
            // A store without follow-ups (PostgreSQL in this build) shows none; the dashboard line says so.
            figures.followUps = try? (store as? any FollowUpStore)?.followUpCounts(now: now)
            return .team(.dashboardLoaded(figures))
        }
    }
}
