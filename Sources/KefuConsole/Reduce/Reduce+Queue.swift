import KefuCore

/// Moving through the queue and the thread.
extension AppState {
    /// Rows in the queue pane (for page moves).
    var queuePageSize: Int { max(1, (layout.queue.height > 0 ? layout.queue.height : layout.thread.height) - 1) }

    mutating func runQueue(_ command: Command, count: Int) -> [Effect] {
        switch command {
        case .moveDown: return select(queue.selected + count)
        case .moveUp: return select(queue.selected - count)
        case .halfPageDown: return select(queue.selected + max(1, queuePageSize / 2) * count)
        case .halfPageUp: return select(queue.selected - max(1, queuePageSize / 2) * count)
        case .pageDown: return select(queue.selected + queuePageSize * count)
        case .pageUp: return select(queue.selected - queuePageSize * count)
        case .top:
            if queue.windowStart == 0 { return select(0) }
            return [.loadQueue(.top)]
        case .bottom:
            if queue.windowEnd >= queue.total { return select(queue.total - 1) }
            return [.loadQueue(.bottom)]
        case .open, .nextPane:
            guard let ticket = queue.selectedTicket else { return [] }
            focus = .thread
            if layout.mode == .onePane { threadPushed = true }
            if thread?.ticket.id != ticket.id { return [.loadThread(ticket.id)] }
            return []
        case .reply:
            return openComposer()
        case .filter:
            prompt = PromptState(kind: .filter(previous: queue.filter), text: queue.filter)
            return []
        case .cycleView:
            return switchView(queue.view == .needsReply ? .allOpen : .needsReply)
        case .showOverdue:
            return switchView(queue.view == .overdue ? .needsReply : .overdue)
        case .showDueSoon:
            return switchView(queue.view == .dueSoon ? .needsReply : .dueSoon)
        case .showCustomerLast:
            return switchView(queue.view == .customerLast ? .needsReply : .customerLast)
        case .toggleHold, .toggleWaiting, .noResponseNeeded, .showClocks:
            return runClockCommand(command, context: .queue)
        case .back:
            guard !queue.filter.isEmpty else { return [] }
            queue.filter = ""
            queue.selected = 0
            showFlash("Filter cleared", .info)
            return [.loadQueue(.top)]
        default:
            return runTicketMove(command) ?? []
        }
    }

    mutating func switchView(_ view: QueueView) -> [Effect] {
        queue.view = view
        queue.selected = 0
        showFlash("Showing: \(view.title)", .info)
        return [.loadQueue(.top)]
    }

    /// Selects the ticket at `index` of the full list, asking for another window when it lies
    /// outside the one in memory.
    mutating func select(_ index: Int) -> [Effect] {
        guard queue.total > 0 else { return [] }
        let target = min(max(0, index), queue.total - 1)
        let previous = queue.selectedTicket?.id
        if queue.contains(index: target) {
            queue.selected = target
            return threadFollowsSelection(previous: previous)
        }
        return [.loadQueue(target >= queue.windowEnd ? .forward(to: target) : .backward(to: target))]
    }

    mutating func runThread(_ command: Command, count: Int) -> [Effect] {
        guard thread != nil else {
            if command == .back { return back() }
            return runTicketMove(command) ?? []
        }
        let page = max(1, layout.thread.height - 2)
        switch command {
        case .moveDown: scrollThread(by: count)
        case .moveUp: scrollThread(by: -count)
        case .halfPageDown: scrollThread(by: page / 2 * count)
        case .halfPageUp: scrollThread(by: -page / 2 * count)
        case .top: thread!.scroll = 0; thread!.scrollToEnd = false
        case .bottom: thread!.scrollToEnd = true
        case .reply: return openComposer()
        case .back: return profileReturn() ?? back()
        case .toggleProfile: return toggleProfile()
        case .nextPane:
            if layout.mode == .twoPane { focus = .queue }
        case .toggleHold, .toggleWaiting, .noResponseNeeded, .showClocks:
            return runClockCommand(command, context: .thread)
        default:
            return runTicketMove(command) ?? []
        }
        return []
    }

    /// `n`, `p`, `#`, `z`: the same in the queue and the thread.
    mutating func runTicketMove(_ command: Command) -> [Effect]? {
        switch command {
        case .nextTicket: return openNextTicket()
        case .previousTicket: return openPreviousTicket()
        case .jumpToTicket:
            prompt = PromptState(kind: .jump, text: "")
            return []
        case .snooze: return askSnooze()
        case .followUp: return askFollowUp()
        default: return nil
        }
    }

    mutating func back() -> [Effect] {
        focus = .queue
        threadPushed = false
        return []
    }

    mutating func scrollThread(by lines: Int) {
        guard var t = thread else { return }
        let width = max(10, layout.thread.width - 2)
        let total = ThreadLines.make(t, width: width, now: now, timeZone: timeZone).count
        let visible = max(1, layout.thread.height - 1)
        let maxScroll = max(0, total - visible)
        let current = t.scrollToEnd ? maxScroll : t.scroll
        t.scroll = min(max(0, current + lines), maxScroll)
        t.scrollToEnd = false
        thread = t
    }
}
