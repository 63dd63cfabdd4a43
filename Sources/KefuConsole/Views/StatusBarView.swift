import Foundation
import KefuCore

/// The status bar: the selected ticket and its deadline counting down every second, totals,
/// and flash messages. Deadline state is spelled out (`OVERDUE`, `DUE SOON`), never colour alone.
enum StatusBarView {
    static func draw(_ state: AppState, in rect: Rect, on screen: inout ScreenBuffer) {
        guard rect.height > 0 else { return }
        screen.fill(rect, role: .statusBar)
        let totals = totalsText(state.totals, width: rect.width)
        let totalsLeft = rect.right - DisplayWidth.of(totals)
        // Working without the store's server comes before anything else the bar could say.
        if case .lost(let since, let server) = state.connection {
            // A message the agent's key just caused is said after the word, not hidden by it.
            let text = state.flash.map { " ⚠ OFFLINE · \($0.text) " }
                ?? " ⚠ OFFLINE: \(server) lost at \(TimeText.clock(since, timeZone: state.timeZone)), retrying · drafts kept on this machine "
            screen.put(text, row: rect.top, col: rect.left, role: .error, limit: totalsLeft - rect.left)
            screen.put(totals, row: rect.top, col: max(rect.left, totalsLeft), role: .statusBar)
            return
        }
        // A read-only store is said first, always: the agent must not think a key will write.
        var left = rect.left
        var flash = state.flash
        if let readOnly = state.readOnlyStore {
            left = screen.put(" ⚠ READ-ONLY store ", row: rect.top, col: left, role: .error, limit: totalsLeft - left)
            if flash == nil { flash = Flash(text: readOnly.notice, kind: .info, until: .infinity) }
        }
        // The totals always stay; a flash that does not fit beside the ticket takes the ticket's place.
        if let flash {
            let ticketWidth = shownTicket(state).map { _ in 44 } ?? 0
            if left + ticketWidth + DisplayWidth.of(flash.text) + 3 > totalsLeft {
                screen.put(" " + flash.text + " ", row: rect.top, col: left, role: flash.kind == .error ? .error : .flash,
                           limit: totalsLeft - left)
                screen.put(totals, row: rect.top, col: totalsLeft, role: .statusBar)
                return
            }
        }
        var x = left
        if let ticket = shownTicket(state) {
            x = screen.put(" #\(ticket.id) " + DisplayWidth.truncate(TerminalSanitizer.oneLine(ticket.customerName), to: 16)
                           + " · \(ticket.marketplace.shortLabel) · ", row: rect.top, col: x, role: .statusBar)
            if state.showsAllClocks, let thread = state.thread, thread.ticket.id == ticket.id {
                x = drawAllClocks(thread.clocks, now: state.now, row: rect.top, col: x, on: &screen)
            } else if let due = ticket.due, ticket.status == .open {
                let deadline = DeadlineState.of(due: due, target: ticket.dueTarget, warnAt: ticket.warnAt, now: state.now)
                let text = Countdown.status(remaining: due.timeIntervalSince(state.now), state: deadline)
                let role: StyleRole = deadline == .overdue ? .overdue : deadline == .warning ? .warning : .statusBar
                x = screen.put(text, row: rect.top, col: x, role: role)
            } else {
                x = screen.put(ticket.lastFrom == .agent ? "answered" : "no deadline", row: rect.top, col: x, role: .statusBar)
            }
            if let hold = ticket.hold {
                x = screen.put(" · " + hold.label, row: rect.top, col: x, role: .statusBar)
            }
        }
        if let flash, x < totalsLeft {
            screen.put("  " + flash.text + " ", row: rect.top, col: x, role: flash.kind == .error ? .error : .flash, limit: totalsLeft - x)
        }
        screen.put(totals, row: rect.top, col: max(rect.left, totalsLeft), role: .statusBar)
    }

    /// The totals in words on a wide screen, abbreviated on a narrow one (never left out):
    /// `open 200 · needs reply 150 · ≤1h 12 · overdue 25` or `200 open·150 reply·12 ≤1h·25 late`.
    static func totalsText(_ t: QueueTotals, width: Int) -> String {
        let followUps = t.followUpsDue == 0 ? "" : "· \(CountText.of(t.followUpsDue, "follow-up")) due "
        let full = " open \(t.open) · needs reply \(t.needsReply) · ≤1h \(t.dueWithinHour) · overdue \(t.overdue) " + followUps
        if width >= 110 { return full }
        return " \(t.open) open·\(t.needsReply) reply·\(t.dueWithinHour) ≤1h·\(t.overdue) late " + (t.followUpsDue == 0 ? "" : "·\(t.followUpsDue) F/U ")
    }

    /// `C`: every running clock, nearest first — kind, policy, countdown and state, "paused"
    /// for a clock that stands still on hold, "(b)" for business time.
    static func drawAllClocks(_ clocks: [ReplyClock], now: Date, row: Int, col: Int, on screen: inout ScreenBuffer) -> Int {
        guard !clocks.isEmpty else { return screen.put("no clock runs", row: row, col: col, role: .statusBar) }
        var x = col
        for (index, clock) in clocks.sorted(by: { ($0.paused ? 1 : 0, $0.due) < ($1.paused ? 1 : 0, $1.due) }).enumerated() {
            if index > 0 { x = screen.put(" │ ", row: row, col: x, role: .statusBar) }
            let deadline = DeadlineState.of(clock, now: now)
            var text = "\(clock.kind.label) \(clock.policy)\(clock.business ? " (b)" : "") "
            text += clock.paused ? "paused" : Countdown.status(remaining: clock.due.timeIntervalSince(now), state: deadline)
            let role: StyleRole = clock.paused ? .statusBar : deadline == .overdue ? .overdue : deadline == .warning ? .warning : .statusBar
            x = screen.put(text, row: row, col: x, role: role)
        }
        return x
    }

    /// The ticket the agent is looking at: the one being answered, else the open thread, else the selection.
    static func shownTicket(_ state: AppState) -> Ticket? {
        if let composer = state.composer, let thread = state.thread, thread.ticket.id == composer.ticketID { return thread.ticket }
        if state.focus == .queue { return state.queue.selectedTicket }
        return state.thread?.ticket ?? state.queue.selectedTicket
    }
}

/// The hint line: the few keys of the current context from the registry, or the `/` and `:`
/// prompt while one is open.
enum HintLineView {
    static func draw(_ state: AppState, in rect: Rect, on screen: inout ScreenBuffer) {
        guard rect.height > 0 else { return }
        screen.fill(rect, role: .hint)
        if let prompt = state.prompt {
            if case .confirm(let confirmation) = prompt.kind {
                let x = screen.put(" " + confirmation.question, row: rect.top, col: rect.left, role: .prompt, limit: rect.width)
                screen.cursor = (rect.top, min(x, rect.right - 1))
                return
            }
            let x = screen.put(prompt.sigil + prompt.text, row: rect.top, col: rect.left, role: .prompt)
            screen.cursor = (rect.top, min(x, rect.right - 1))
            if case .command = prompt.kind, prompt.text.isEmpty {
                screen.put("  q quit · help · view overdue · filter TEXT", row: rect.top, col: x + 1, role: .hint)
            }
            return
        }
        var x = rect.left
        if !state.pendingKeys.isEmpty || state.count != nil {
            let pending = (state.count.map(String.init) ?? "") + state.pendingKeys.map(\.description).joined()
            x = screen.put(pending + " ", row: rect.top, col: x, role: .prompt)
        }
        for binding in state.keyMap.hints(for: state.keyContext) {
            let key = binding.keys.first.map { $0.map(\.description).joined(separator: " ") } ?? ""
            let label = binding.command.shortLabel
            let width = DisplayWidth.of(key) + DisplayWidth.of(label) + 3
            if x + width > rect.right { break }
            x = screen.put(" " + key, row: rect.top, col: x, role: .hintKey)
            x = screen.put(" " + label + " ", row: rect.top, col: x, role: .hint)
        }
    }
}

extension Command {
    /// The hint line's word for a command.
    var shortLabel: String {
        switch self {
        case .moveDown: "down"
        case .moveUp: "up"
        case .top: "top"
        case .bottom: "bottom"
        case .halfPageDown, .pageDown: "page down"
        case .halfPageUp, .pageUp: "page up"
        case .open: "open"
        case .back: "back"
        case .nextPane: "pane"
        case .toggleProfile: "customer"
        case .filter: "filter"
        case .cycleView: "view"
        case .showOverdue: "overdue"
        case .showDueSoon: "due ≤1h"
        case .showCustomerLast: "customer last"
        case .toggleHold: "hold"
        case .toggleWaiting: "waiting"
        case .noResponseNeeded: "no reply needed"
        case .showClocks: "clocks"
        case .reply: "reply"
        case .send: "send"
        case .templates: "templates"
        case .closeComposer: "leave"
        case .insertTracking: "tracking"
        case .insertEvidence: "evidence"
        case .toggleNote: "note/reply"
        case .saveTemplate: "save template"
        case .externalEditor: "$EDITOR"
        case .disputeScaffold: "dispute"
        case .toggleAttachEvidence: "attach evidence"
        case .reviewFindings: "findings"
        case .pickerNext: "next"
        case .pickerPrevious: "previous"
        case .pickerInsert: "insert"
        case .pickerStage: "stage"
        case .pickerLanguage: "language"
        case .pickerCancel: "close"
        case .nextTicket: "next"
        case .previousTicket: "previous"
        case .jumpToTicket: "open #"
        case .snooze: "snooze"
        case .followUp: "follow-up"
        case .help: "help"
        case .palette: "commands"
        case .redraw: "redraw"
        case .quit: "quit"
        case .forceQuit: "quit"
        case .assignToMe: "take"
        case .reassign: "reassign"
        case .cycleAssignee: "mine/all"
        case .toggleMark: "mark"
        case .solve: "solve"
        case .dashboard: "dashboard"
        case .sortPrevious: "sort ←"
        case .sortNext: "sort →"
        case .reverseSort: "reverse"
        case .togglePeriod: "today/7d"
        }
    }
}

extension ClockKind {
    /// The status bar's short word for the promise a clock measures.
    var label: String {
        switch self {
        case .firstReply: "first"
        case .nextReply: "next"
        case .resolution: "resolve"
        case .followUp: "follow-up"
        }
    }
}

extension HoldReason {
    /// How the status bar and the queue name a hold.
    var label: String {
        switch self {
        case .waitingOnCustomer: "WAITING ON CUSTOMER"
        case .onHold: "ON HOLD"
        }
    }

    /// The queue's short tag before the subject.
    var tag: String {
        switch self {
        case .waitingOnCustomer: "[waiting]"
        case .onHold: "[on hold]"
        }
    }
}
