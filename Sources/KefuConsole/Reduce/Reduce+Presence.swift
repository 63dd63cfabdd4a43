import Foundation
import KefuCore

/// Working as a team on one queue: `n` claims the most urgent free ticket (a lease the console
/// renews while the agent works), the console says where the agent is (reading or typing) and
/// reads where the others are, and a send that would cross a teammate's reply asks first.
extension AppState {
    /// Where this agent is, as the others should see it: reading a ticket they opened (not one
    /// the two-pane preview merely shows), typing in its composer.
    var wantedPresence: PresenceState.Announcement {
        guard let ticket = thread?.ticket, focus != .queue || threadPushed, dashboard == nil else {
            return PresenceState.Announcement(ticketID: nil, activity: .reading)
        }
        let typing = focus == .composer && composer?.ticketID == ticket.id
        return PresenceState.Announcement(ticketID: ticket.id, activity: typing ? .typing : .reading)
    }

    /// After every action: announce a change of presence at once and renew it before it lapses;
    /// read the board now and then (entries lapse without a write); renew the claim while the
    /// agent is at work on it.
    mutating func presenceUpkeep() -> [Effect] {
        guard !quitting, presence.boardEnabled || presence.claimsEnabled else { return [] }
        var effects: [Effect] = []
        let wanted = wantedPresence
        let first = presence.announced == nil
        if presence.boardEnabled, !(first && wanted.ticketID == nil),
           wanted != presence.announced || wanted.ticketID != nil && nowSeconds - presence.announcedAt >= PresenceState.announceEvery {
            presence.announced = wanted
            presence.announcedAt = nowSeconds
            effects.append(.presence(.announce(ticketID: wanted.ticketID, activity: wanted.activity)))
        }
        if nowSeconds - presence.loadedAt >= PresenceState.reloadEvery {
            presence.loadedAt = nowSeconds
            effects.append(.presence(.load))
        }
        if let claim = presence.myClaim, thread?.ticket.id == claim,
           nowSeconds - presence.renewedAt >= PresenceState.renewEvery,
           nowSeconds - presence.lastKeyAt < presence.rules.lease {
            presence.renewedAt = nowSeconds
            effects.append(.presence(.renew(ticketID: claim)))
        }
        return effects
    }

    /// On quit: out of every ticket, and the claim let go for the next agent.
    mutating func leavingPresence() -> [Effect] {
        var effects: [Effect] = []
        if presence.boardEnabled, presence.announced?.ticketID != nil {
            effects.append(.presence(.announce(ticketID: nil, activity: .reading)))
        }
        if let claim = presence.myClaim {
            effects.append(.presence(.release(ticketID: claim)))
            presence.myClaim = nil
        }
        presence.announced = PresenceState.Announcement(ticketID: nil, activity: .reading)
        return effects
    }

    /// `n` on a store that claims: let go of the ticket in view and claim the next.
    mutating func claimNextTicket() -> [Effect] {
        let current = focus == .queue && !threadPushed ? nil : thread?.ticket
        if let current, current.needsReply, !presence.skipped.contains(current.id) {
            presence.skipped.append(current.id)
        }
        let releasing = presence.myClaim ?? current?.id
        return [.presence(.claimNext(releasing: releasing, skipping: presence.skipped.filter { $0 != releasing }))]
    }

    mutating func receivePresence(_ answer: PresenceAnswer) -> [Effect] {
        switch answer {
        case .loaded(let entries, let claims):
            presence.others = TicketPresence.byTicket(presence: entries, claims: claims, excluding: profile.name)
            if let mine = presence.myClaim, !claims.contains(where: { $0.ticketID == mine && TeamRoster.key($0.agent) == TeamRoster.key(profile.name) }) {
                presence.myClaim = nil
            }
            return []
        case .claimed(let outcome, let releasing, let skipping):
            if releasing == presence.myClaim { presence.myClaim = nil }
            // The ticket the agent was in (not the two-pane preview of the selected row).
            let current = focus == .queue && !threadPushed ? nil : thread?.ticket.id
            switch outcome {
            case .claimed(let ticket):
                presence.myClaim = ticket.id
                presence.renewedAt = nowSeconds
                return ticketFound(ticket, for: .next(after: nil, current: current)) + [.presence(.load)]
            case .nothingFree where !skipping.isEmpty:
                // Everything else was passed over: start the round again.
                presence.skipped = []
                return [.presence(.claimNext(releasing: nil, skipping: releasing.map { [$0] } ?? []))]
            case .nothingFree:
                presence.skipped = []
                return ticketFound(nil, for: .next(after: nil, current: current))
            case .atCapacity(let held):
                let list = held.prefix(3).map { "#\($0)" }.joined(separator: ", ")
                showFlash("You already hold \(list) (at most \(presence.rules.capacity) at a time): answer \(held.count == 1 ? "it" : "them") first — n opens \(held.count == 1 ? "it" : "the first")", .info)
                if let first = held.first, first != current {
                    presence.myClaim = first
                    return [.findTicket(.id(first))]
                }
                return []
            }
        case .renewed(let id, let stillOurs):
            if !stillOurs, presence.myClaim == id {
                presence.myClaim = nil
                showFlash("Your claim on #\(id) lapsed and someone else took it: check the thread before you reply", .error)
                return [.presence(.load)]
            }
            return []
        }
    }

    /// The store stopped a send: what arrived is read into the thread, the reply stays in the
    /// composer, and the agent decides.
    mutating func collided(_ collision: ReplyCollision) -> [Effect] {
        prompt = PromptState(kind: .confirm(.sendDespiteNewer(
            ticketID: collision.ticketID, summary: collision.summary(timeZone: timeZone), newestID: collision.newestID)), text: "")
        return [.loadThread(collision.ticketID), .loadQueue(.reload(keep: queue.selectedTicket?.id))]
    }

    /// `y` at "Not sent: … since you opened it": the agent has seen it; send what the composer holds.
    mutating func sendDespiteNewer(ticketID: Int64, newestID: Int64) -> [Effect] {
        guard let composer, composer.ticketID == ticketID else { return [] }
        if thread?.ticket.id == ticketID { thread!.seenThrough = max(thread!.seenThrough ?? 0, newestID) }
        let reply = composer.mode == .reply
        return [.send(ticketID: ticketID, body: composer.editor.text, direction: reply ? .outbound : .note,
                      attachEvidence: reply ? composer.evidenceToAttach : [], seenThrough: newestID)]
    }

    /// The thread header's line about another agent in this ticket.
    func presenceLine(for ticketID: Int64) -> String? {
        guard let other = presence.others[ticketID] else { return nil }
        let name = TerminalSanitizer.oneLine(other.agent)
        let since = TimeText.clock(other.since, timeZone: timeZone)
        switch other.kind {
        case .typing: return "\(name) is typing a reply (since \(since))"
        case .reading: return "\(name) is reading this ticket (since \(since))"
        case .holding: return "\(name) holds this ticket (claimed \(since))"
        }
    }
}
