import Foundation
import KefuCore

/// The one place the console's state changes: `reduce(action)` updates the state and returns the
/// work (effects) the engine must do against the store. Pure: no I/O, no clock.
extension AppState {
    /// Tickets read per window query.
    public static let windowSize = 200
    static let draftSaveDelay = 1.0
    static let flashSeconds = 4.0
    /// The queue is read again this often: in triage order tickets cross from savable to late
    /// as the clock runs, and snoozed tickets come back.
    static let queueRefreshSeconds = 30.0

    public mutating func reduce(_ action: Action) -> [Effect] {
        if case .key = action { presence.lastKeyAt = nowSeconds }
        var effects = apply(action)
        keepComposerCursorInView()
        effects += presenceUpkeep()
        return effects
    }

    private mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            return handleKey(key)
        case .paste(let text):
            guard focus == .composer, overlay == .none, composer != nil else { return [] }
            composer!.editor.insert(text)
            markComposerChanged()
            return []
        case .tick(let date):
            now = date
            if let flash, flash.until <= nowSeconds { self.flash = nil }
            // The dashboard's figures carry the status bar's totals too: one read per tick.
            var effects: [Effect] = dashboard == nil ? [.loadTotals] : [.team(.loadDashboard)]
            if !queue.loading, nowSeconds - queue.loadedAt >= Self.queueRefreshSeconds {
                effects.append(.loadQueue(.reload(keep: queue.selectedTicket?.id)))
            }
            effects += dueDraftSaves()
            return effects
        case .resized(let rows, let cols):
            self.rows = rows
            self.cols = cols
            if layout.mode == .twoPane { threadPushed = false }
            // Narrowed to one pane while reading or writing: that pane is the thread, not the queue.
            if layout.mode == .onePane, focus != .queue, thread != nil { threadPushed = true }
            // Wide enough for the 7-day columns of their own: today's columns show today again.
            if DashboardColumns(width: cols).weekColumns { dashboard?.week = false }
            return [.redraw]
        case .presenceChanged:
            return presence.boardEnabled ? [.presence(.load)] : []
        case .connectionChanged(let connection):
            return connectionChanged(connection)
        case .storeChanged:
            var effects: [Effect] = [.loadQueue(.reload(keep: queue.selectedTicket?.id)), .loadTotals, .presence(.load)]
            if let thread { effects.append(.loadThread(thread.ticket.id)) }
            return effects
        case .queueLoaded(let window):
            let previous = queue.selectedTicket?.id
            queue.rows = window.rows
            queue.windowStart = window.windowStart
            queue.total = window.total
            queue.selected = window.total == 0 ? 0 : min(max(0, window.selected), window.total - 1)
            queue.loading = false
            queue.bands = window.bands
            queue.loadedAt = nowSeconds
            return threadFollowsSelection(previous: previous)
        case .totalsLoaded(let totals):
            self.totals = totals
            return []
        case .threadLoaded(var loaded):
            if let thread, thread.ticket.id == loaded.ticket.id {
                loaded.scroll = thread.scroll
                loaded.seenThrough = thread.seenThrough
                loaded.scrollToEnd = thread.scrollToEnd && thread.messages.count != loaded.messages.count ? true : thread.scrollToEnd
            }
            if thread?.ticket.id != loaded.ticket.id { customerPane.selected = 0 }
            thread = loaded
            return resumeProofRequest()
        case .draftLoaded(let ticketID, let customerName, let text, let attachEvidence):
            composer = ComposerState(ticketID: ticketID, customerName: customerName, editor: TextEditor(text: text ?? ""))
            composer!.attachEvidence = attachEvidence
            composer!.hasSavedDraft = !(text ?? "").isEmpty
            focus = .composer
            if layout.mode == .onePane { threadPushed = true }
            if let text, !text.isEmpty { showFlash("Draft restored", .info) }
            applyPendingProofInsert()
            return []
        case .sent(let sent):
            let name = sent.ticket.customerName
            if thread?.ticket.id == sent.ticket.id { thread!.seenThrough = max(thread!.seenThrough ?? 0, sent.message.id) }
            if composer?.ticketID == sent.ticket.id { composer = nil }
            parkedComposers[sent.ticket.id] = nil
            focus = layout.mode == .onePane && threadPushed ? .thread : .queue
            if sent.message.direction == .note {
                showFlash("Internal note saved on #\(sent.ticket.id)", .info)
                return [.loadThread(sent.ticket.id)]
            }
            var text = sent.wasDuplicate ? "Already sent to \(name)" : "Reply sent to \(name)"
            if let outcome = sent.settled.first {
                let margin = outcome.clock.due.timeIntervalSince(outcome.settledAt)
                text += outcome.met
                    ? " · deadline met with \(Countdown.compact(remaining: margin)) to spare"
                    : " · \(Countdown.compact(remaining: -margin)) late"
            }
            showFlash(text, .info)
            if sendAndNext {
                // Send and next: the thread pane moves to the next ticket to answer.
                // Found first, so the reload keeps it selected and the thread does not follow the old row.
                // A reply ends a round of passing over tickets with n: the most urgent comes first again.
                presence.skipped = []
                let next: [Effect] = presence.claimsEnabled
                    ? [.presence(.claimNext(releasing: presence.myClaim ?? sent.ticket.id, skipping: []))]
                    : [.findTicket(.next(after: nil, current: sent.ticket.id))]
                return next + [.loadQueue(.reload(keep: nil)), .loadTotals]
            }
            return [.loadQueue(.reload(keep: nil)), .loadTotals, .loadThread(sent.ticket.id)]
        case .editedExternally(let id, let text):
            guard composer?.ticketID == id else { return [] }
            guard let text else {
                showFlash("The editor did not finish cleanly: the draft is unchanged", .error)
                return []
            }
            if text != composer!.editor.text {
                composer!.editor.replaceAll(with: text)
                composer!.findings = []
                markComposerChanged()
            }
            showFlash("Back from the editor", .info)
            return []
        case .templateUsageLoaded(let usage):
            templateUsage = usage
            return []
        case .templateSaved(let template, let location):
            templates.removeAll { $0.name == template.name }
            templates.append(template)
            showFlash("Saved template “\(template.title)” to \(location)", .info)
            return []
        case .clocksChanged(let id, let message):
            return clocksChanged(ticketID: id, message: message)
        case .failed(let message):
            showFlash(message, .error)
            return []
        case .ticketFound(let ticket, let request):
            return ticketFound(ticket, for: request)
        case .snoozed(let ticket):
            return snoozed(ticket)
        case .followUpChanged(let id, let message):
            return followUpChanged(ticketID: id, message: message)
        case .team(let answer):
            return receiveTeam(answer)
        case .presence(let answer):
            return receivePresence(answer)
        case .collided(let collision):
            return collided(collision)
        case .storeWaiting(let notice):
            return storeWaiting(notice)
        case .storeWaitOver:
            if flash?.text.hasPrefix(Self.waitingPrefix) == true { flash = nil }
            return []
        case .storeFault(let fault, let effect):
            return storeFault(fault, during: effect)
        }
    }

    mutating func showFlash(_ text: String, _ kind: Flash.Kind, seconds: Double = AppState.flashSeconds) {
        flash = Flash(text: text, kind: kind, until: nowSeconds + seconds)
    }

    /// On a wide screen the thread pane follows the queue's selection.
    mutating func threadFollowsSelection(previous: Int64?) -> [Effect] {
        guard let ticket = queue.selectedTicket else {
            // An empty list clears the preview, not a thread the agent opened (n, #, after a send).
            if focus == .queue, layout.mode == .twoPane || !threadPushed { thread = nil }
            return []
        }
        if layout.mode == .twoPane, ticket.id != previous || thread == nil || focus == .queue && thread?.ticket.id != ticket.id {
            return [.loadThread(ticket.id)]
        }
        return []
    }

    private mutating func handleKey(_ key: Key) -> [Effect] {
        if prompt != nil { return handlePromptKey(key) }
        if outcomePrompt != nil { return handleOutcomeKey(key) }
        let context = keyContext
        // Counts (5j) in the panes that move.
        if context == .queue || context == .thread, pendingKeys.isEmpty, case .char(let c) = key, let digit = c.wholeNumberValue,
           digit > 0 || count != nil {
            count = min((count ?? 0) * 10 + digit, 99_999)
            return []
        }
        let sequence = pendingKeys + [key]
        switch keyMap.match(sequence, in: context) {
        case .prefix:
            pendingKeys = sequence
            return []
        case .command(let command):
            pendingKeys = []
            let n = count ?? 1
            count = nil
            return run(command, count: n, context: context)
        case .none:
            pendingKeys = []
            count = nil
            switch context {
            case .composer: return composerEdit(key)
            case .picker: return pickerEdit(key)
            default: return []
            }
        }
    }

    /// Runs a command in a context.
    mutating func run(_ command: Command, count: Int, context: KeyContext) -> [Effect] {
        switch command {
        case .help:
            switch overlay {
            case .help, .findings: overlay = .none
            default: overlay = .help(context); helpScroll = 0
            }
            return []
        case .palette:
            prompt = PromptState(kind: .command, text: "")
            return []
        case .redraw:
            return [.redraw]
        case .quit, .forceQuit:
            return requestQuit()
        case .insertTracking, .insertEvidence:
            return runProofCommand(command, context: context)
        default:
            break
        }
        if let effects = runTeam(command, context: context) { return effects }
        switch context {
        case .dashboard: return runDashboard(command)
        case .queue: return runQueue(command, count: count)
        case .thread: return runThread(command, count: count)
        case .profile: return runProfile(command, count: count)
        case .composer: return runComposer(command)
        case .picker: return runPicker(command)
        case .proofPicker: return runProofPicker(command)
        case .help:
            if command == .moveDown { helpScroll += count }
            if command == .moveUp { helpScroll = max(0, helpScroll - count) }
            if command == .pageDown { helpScroll += max(1, rows - 6) }
            if command == .pageUp { helpScroll = max(0, helpScroll - max(1, rows - 6)) }
            if command == .top { helpScroll = 0 }
            if case .help(let shown) = overlay {
                helpScroll = min(helpScroll, keyMap.help(for: shown).count + 1 + HelpOverlayView.legend.count - 1)
            }
            if overlay == .findings { helpScroll = min(helpScroll, max(0, FindingsOverlayView.lines(self, width: cols - 4).count - 1)) }
            return []
        case .global: return []
        }
    }

    mutating func requestQuit() -> [Effect] {
        quitting = true
        var effects: [Effect] = []
        for composer in [composer].compactMap({ $0 }) + Array(parkedComposers.values) where composer.unsavedSince != nil {
            effects.append(.saveDraft(ticketID: composer.ticketID, text: composer.editor.text, attachEvidence: composer.attachEvidence))
        }
        return effects + leavingPresence() + [.quit]
    }

    /// Drafts whose typing stopped long enough ago are saved.
    mutating func dueDraftSaves() -> [Effect] {
        var effects: [Effect] = []
        if let since = composer?.unsavedSince, nowSeconds - since >= Self.draftSaveDelay {
            effects.append(.saveDraft(ticketID: composer!.ticketID, text: composer!.editor.text, attachEvidence: composer!.attachEvidence))
            composer!.unsavedSince = nil
            composer!.hasSavedDraft = true
        }
        for (id, parked) in parkedComposers where parked.unsavedSince != nil {
            effects.append(.saveDraft(ticketID: id, text: parked.editor.text, attachEvidence: parked.attachEvidence))
            parkedComposers[id]!.unsavedSince = nil
            parkedComposers[id]!.hasSavedDraft = true
        }
        return effects
    }
}
