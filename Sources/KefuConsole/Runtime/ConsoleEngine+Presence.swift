import Foundation
import KefuCore

/// Presence and claims against the store. A store without a presence board or claims (none
/// today: both backends have them) makes these quiet no-ops, never errors on the agent's screen.
extension ConsoleEngine {
    func performPresence(_ effect: PresenceEffect) throws -> Action? {
        let store = environment.store
        let now = environment.clock.now()
        let agent = state.profile.name
        switch effect {
        case .announce(let ticketID, let activity):
            try (store as? any PresenceBoard)?.announcePresence(agent: agent, ticketID: ticketID, activity: activity, ttl: PresenceState.ttl, now: now)
            return nil
        case .load:
            let entries = try (store as? any PresenceBoard)?.presence(now: now) ?? []
            let claims = try (store as? any TicketClaiming)?.liveClaims(now: now) ?? []
            return .presence(.loaded(presence: entries, claims: claims))
        case .claimNext(let releasing, let skipping):
            guard let claiming = store as? any TicketClaiming else {
                return .ticketFound(try store.nextTicket(for: agent, after: nil, now: now), .next(after: nil, current: releasing))
            }
            let outcome = try claiming.claimNext(for: agent, releasing: releasing, skipping: skipping, rules: state.presence.rules, now: now)
            return .presence(.claimed(outcome, releasing: releasing, skipping: skipping))
        case .renew(let id):
            guard let claiming = store as? any TicketClaiming else { return nil }
            return .presence(.renewed(ticketID: id, stillOurs: try claiming.renewClaim(ticketID: id, agent: agent, rules: state.presence.rules, now: now)))
        case .release(let id):
            try (store as? any TicketClaiming)?.releaseClaim(ticketID: id, agent: agent)
            return nil
        }
    }
}
