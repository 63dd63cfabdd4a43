import KefuCore

/// Owners: `a` takes the selected ticket, `A` gives the marked ones (or the selected one) to a
/// name typed on the prompt line, `x` marks for such a batch, `m` cycles all / mine / unassigned.
extension AppState {
    /// The team's commands, in whichever context they are bound; nil when `command` is not one.
    mutating func runTeam(_ command: Command, context: KeyContext) -> [Effect]? {
        switch command {
        case .assignToMe: return assignToMe()
        case .reassign:
            let ids = batchTargets()
            guard !ids.isEmpty else { return [] }
            // An agent learns before typing a name that a batch is not theirs to move.
            if ids.count > 1, refuses(.moveBatch(count: ids.count)) { return [] }
            prompt = PromptState(kind: .assign(ids), text: "")
            return []
        case .cycleAssignee: return cycleAssignee()
        case .toggleMark: return toggleMark()
        case .solve: return openOutcomePrompt(context: context)
        case .dashboard: return context == .dashboard ? closeDashboard() : openDashboard()
        default: return nil
        }
    }

    /// The marked tickets, or the selected one when none is marked.
    func batchTargets() -> [Int64] {
        if !marked.isEmpty { return marked.sorted() }
        return queue.selectedTicket.map { [$0.id] } ?? []
    }

    mutating func assignToMe() -> [Effect] {
        guard let ticket = queue.selectedTicket else { return [] }
        if ticket.assignee == profile.name {
            showFlash("#\(ticket.id) is already yours", .info)
            return []
        }
        guard permitsAssigning([ticket.id], to: profile.name) else { return [] }
        return [.team(.assign(ticketIDs: [ticket.id], to: profile.name))]
    }

    mutating func assign(_ ids: [Int64], to name: String) -> [Effect] {
        guard !ids.isEmpty else { return [] }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let owner = trimmed.isEmpty ? nil : trimmed
        guard permitsAssigning(ids, to: owner) else { return [] }
        return [.team(.assign(ticketIDs: ids, to: owner))]
    }

    /// The role check against the owners the queue shows, so an agent is told at once; the store
    /// checks again against the owners of the moment.
    mutating func permitsAssigning(_ ids: [Int64], to owner: String?) -> Bool {
        let owners = ids.map { id in (ticketID: id, owner: queue.rows.first { $0.id == id }?.assignee) }
        do {
            try AssignmentRule.check(profile.acting, owners: owners, to: owner)
            return true
        } catch {
            showFlash("\(error)", .error)
            return false
        }
    }

    /// Shows the refusal and returns true when `action` needs a lead and this person is not one.
    mutating func refuses(_ action: LeadAction) -> Bool {
        do {
            try profile.acting.require(action)
            return false
        } catch {
            showFlash("\(error)", .error)
            return true
        }
    }

    mutating func cycleAssignee() -> [Effect] {
        let drilledDown = queue.scope.channel != nil || queue.scope.marketplace != nil
            || queue.scope.assignee != .agent(profile.name) && queue.scope.assignee != .anyone && queue.scope.assignee != .unassigned
        switch queue.scope.assignee {
        case _ where drilledDown: queue.scope = .everything  // a dashboard drill-down: m returns to all, as its flash says
        case .anyone: queue.scope.assignee = .agent(profile.name)
        case .agent: queue.scope.assignee = .unassigned
        case .unassigned: queue.scope = .everything  // back to everything, dropping a dashboard drill-down too
        }
        queue.selected = 0
        showFlash("Showing: \(queue.scopeTitle(me: profile.name) ?? "everyone's tickets")", .info)
        return [.loadQueue(.top)]
    }

    mutating func toggleMark() -> [Effect] {
        guard let ticket = queue.selectedTicket else { return [] }
        // The mark stays where it was put: the row shows "+" at once, and j moves on when wanted
        // (moving by itself hid which row had just been marked).
        if marked.contains(ticket.id) { marked.remove(ticket.id) } else { marked.insert(ticket.id) }
        showFlash("\(marked.count) marked — A moves them, x again unmarks", .info)
        return []
    }

    mutating func receiveAssigned(_ changes: [Assignment], requested: Int, to name: String?) -> [Effect] {
        marked = []
        let owner = name.map { $0 == profile.name ? "you" : TerminalSanitizer.oneLine($0) } ?? "nobody"
        if requested == 1, let change = changes.first {
            showFlash("#\(change.ticketID) now belongs to \(owner)", .info)
        } else if changes.count == requested {
            showFlash("\(requested) tickets now belong to \(owner)", .info)
        } else {
            showFlash("\(changes.count) of \(requested) tickets moved to \(owner) (the others were already theirs)", .info)
        }
        var effects: [Effect] = [.loadQueue(.reload(keep: queue.selectedTicket?.id)), .loadTotals]
        if let thread { effects.append(.loadThread(thread.ticket.id)) }
        return effects
    }
}

extension QueueState {
    /// "mine", "unassigned", "Anna's", "Amazon" — what the scope narrows to; nil for everything.
    public func scopeTitle(me: String) -> String? {
        var parts: [String] = []
        switch scope.assignee {
        case .anyone: break
        case .agent(let name): parts.append(name == me ? "mine" : "\(TerminalSanitizer.oneLine(name))'s")
        case .unassigned: parts.append("unassigned")
        }
        if let marketplace = scope.marketplace {
            parts.append(Lane(channel: scope.channel ?? .marketplace, marketplace: marketplace).title)
        } else if let channel = scope.channel {
            parts.append(channel.rawValue)
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
