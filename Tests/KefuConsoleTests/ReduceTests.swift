import Foundation
import Testing
import KefuCore
@testable import KefuConsole

@Suite("reduce: keys change the state and ask for the right work")
struct ReduceTests {
    var state = ConsoleFixtures.state(rows: 40, cols: 120)

    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { state.reduce(.key($0)) }
    }

    @Test("j/k move the selection and the thread follows it on a wide screen")
    mutating func moving() {
        let effects = press(.char("j"))
        #expect(state.queue.selected == 1)
        #expect(effects == [.loadThread(2)])
        _ = press(.char("k"), .char("k"))
        #expect(state.queue.selected == 0)
    }

    @Test("A count moves that many: 3j")
    mutating func counts() {
        _ = press(.char("3"), .char("j"))
        #expect(state.queue.selected == 3)
        #expect(state.count == nil)
        _ = press(.char("1"), .char("0"), .char("k"))
        #expect(state.queue.selected == 0)
    }

    @Test("g g goes to the top, G to the bottom, within the window without a query")
    mutating func ends() {
        _ = press(.char("G"))
        #expect(state.queue.selected == 5)
        let prefix = press(.char("g"))
        #expect(prefix.isEmpty)
        #expect(state.pendingKeys == [.char("g")])
        _ = press(.char("g"))
        #expect(state.queue.selected == 0)
        #expect(state.pendingKeys.isEmpty)
    }

    @Test("Leaving the window asks the engine for the next one")
    mutating func windowEdge() {
        _ = state.reduce(.queueLoaded(QueueWindow(rows: ConsoleFixtures.tickets, windowStart: 0, total: 1000, selected: 5)))
        let effects = press(.char("j"))
        #expect(effects == [.loadQueue(.forward(to: 6))])
        _ = press(.char("G"))
        #expect(state.reduce(.key(.char("G"))) == [.loadQueue(.bottom)])
    }

    @Test("/ filters as you type; Esc puts the old filter back")
    mutating func filter() {
        _ = press(.char("/"))
        #expect(state.prompt != nil)
        let effects = press(.char("a"), .char("n"))
        #expect(state.queue.filter == "an")
        #expect(effects == [.loadQueue(.top), .loadQueue(.top)])
        _ = press(.escape)
        #expect(state.prompt == nil)
        #expect(state.queue.filter == "")
    }

    @Test("o shows only overdue tickets, u only those due within the hour; again returns")
    mutating func views() {
        #expect(press(.char("o")) == [.loadQueue(.top)])
        #expect(state.queue.view == .overdue)
        _ = press(.char("o"))
        #expect(state.queue.view == .needsReply)
        _ = press(.char("u"))
        #expect(state.queue.view == .dueSoon)
        _ = press(.char("v"))
        #expect(state.queue.view == .needsReply)
    }

    @Test("r opens the composer with the stored draft; typing edits it; Ctrl-S warns (no greeting, no thanks), y sends")
    mutating func composing() {
        let open = press(.char("r"))
        #expect(open == [.loadDraft(ticketID: 1, customerName: "佐藤 花子")])
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: "Draft "))
        #expect(state.focus == .composer)
        // In the composer letters are text, not commands: q does not quit.
        _ = press(.char("q"), .char("j"))
        #expect(state.composer?.editor.text == "Draft qj")
        #expect(state.quitting == false)
        #expect(press(.ctrl("s")).isEmpty)
        #expect(state.composer?.findings.map(\.kind).contains(.missingGreeting) == true)
        guard case .confirm(.sendDespiteWarnings(1, _))? = state.prompt?.kind else {
            Issue.record("expected the send-anyway question, got \(String(describing: state.prompt))")
            return
        }
        #expect(press(.char("y")) == [.send(ticketID: 1, body: "Draft qj", direction: .outbound, seenThrough: 3)])
    }

    @Test("Sending nothing is refused with a message, not sent")
    mutating func emptySend() {
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "x", text: nil))
        #expect(press(.ctrl("s")).isEmpty)
        #expect(state.flash?.kind == .error)
    }

    @Test("A draft is saved a second after typing stops")
    mutating func draftSaving() {
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "x", text: nil))
        _ = press(.char("h"), .char("i"))
        let soon = state.reduce(.tick(ConsoleFixtures.now.addingTimeInterval(0.5)))
        #expect(!soon.contains(.saveDraft(ticketID: 1, text: "hi")))
        let later = state.reduce(.tick(ConsoleFixtures.now.addingTimeInterval(1.5)))
        #expect(later.contains(.saveDraft(ticketID: 1, text: "hi")))
        #expect(state.composer?.unsavedSince == nil)
    }

    @Test("Switching tickets keeps each ticket's draft")
    mutating func parkedDrafts() {
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "a", text: nil))
        _ = press(.char("x"))
        let leave = press(.escape)
        #expect(leave == [.saveDraft(ticketID: 1, text: "x")])
        _ = press(.char("j"))
        _ = state.reduce(.threadLoaded(ConsoleFixtures.thread(for: ConsoleFixtures.tickets[1])))
        #expect(press(.char("r")) == [.loadDraft(ticketID: 2, customerName: "Анна Смирнова")])
        _ = state.reduce(.draftLoaded(ticketID: 2, customerName: "Анна Смирнова", text: nil))
        _ = press(.char("y"), .escape, .char("k"))
        _ = state.reduce(.threadLoaded(ConsoleFixtures.thread(for: ConsoleFixtures.tickets[0])))
        _ = press(.char("r"))
        #expect(state.composer?.editor.text == "x")
    }

    @Test("Ctrl-T opens the picker; typing searches; Enter inserts the rendered template")
    mutating func picker() {
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: nil))
        _ = press(.ctrl("t"))
        #expect(state.overlay == .picker)
        #expect(state.picker?.results.count == 3)
        _ = press(.char("t"), .char("r"), .char("a"), .char("c"))
        #expect(state.picker?.selectedTemplate?.name == "parcel-in-transit")
        // The customer writes Japanese: the preview follows; Ctrl-O switches language.
        #expect(state.picker.map { state.renderedPreview($0.selectedTemplate!, language: $0.language) }?.hasPrefix("佐藤 花子 様") == true)
        _ = press(.ctrl("o"))
        _ = press(.enter)
        #expect(state.overlay == .none)
        let text = state.composer?.editor.text ?? ""
        #expect(text.hasPrefix("Dear 佐藤 花子,"))
        #expect(text.contains("RR123456785JP (Japan Post)"))
        #expect(text.contains("114-0000001-1234567"))
        #expect(text.hasSuffix("Li Wei"))
    }

    @Test("Tab filters the picker by stage")
    mutating func pickerStage() {
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "x", text: nil))
        _ = press(.ctrl("t"), .tab)
        #expect(state.picker?.stage == .preSale)
        #expect(state.picker?.results.map(\.name) == ["greeting"])
    }

    @Test("? opens help for the current context; q quits and saves unsaved drafts first")
    mutating func helpAndQuit() {
        _ = press(.char("?"))
        #expect(state.overlay == .help(.queue))
        _ = press(.escape)
        #expect(state.overlay == .none)
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "x", text: nil))
        _ = press(.char("z"))
        #expect(press(.ctrl("c")) == [.saveDraft(ticketID: 1, text: "z"), .quit])
        #expect(state.quitting)
    }

    @Test("Enter under 80 columns pushes the thread; Esc pops back to the queue")
    mutating func onePane() {
        _ = state.reduce(.resized(rows: 24, cols: 70))
        _ = press(.enter)
        #expect(state.threadPushed)
        #expect(state.layout.queue.isEmpty)
        _ = press(.escape)
        #expect(!state.threadPushed)
        #expect(state.focus == .queue)
    }

    @Test("The palette runs commands by name and says so when it does not know one")
    mutating func palette() {
        _ = press(.char(":"))
        for c in "view overdue" { _ = press(.char(c)) }
        #expect(press(.enter) == [.loadQueue(.top)])
        #expect(state.queue.view == .overdue)
        _ = press(.char(":"), .char("x"), .enter)
        #expect(state.flash?.kind == .error)
    }

    @Test("After a send the next ticket is asked for, the queue reloads and the status bar confirms")
    mutating func sent() {
        var sentTicket = ConsoleFixtures.tickets[0]
        sentTicket.due = nil
        sentTicket.lastFrom = .agent
        let message = Message(id: 9, ticketID: 1, externalID: "kefu-x", direction: .outbound, author: "Li Wei",
                              recipient: "", at: ConsoleFixtures.now, subject: "", body: "Hi", language: nil)
        let effects = state.reduce(.sent(SentReply(message: message, ticket: sentTicket, settled: [], wasDuplicate: false)))
        #expect(effects == [.findTicket(.next(after: nil, current: 1)), .loadQueue(.reload(keep: nil)), .loadTotals])
        #expect(state.flash?.text == "Reply sent to 佐藤 花子")
        // The store's answer opens the next ticket in the thread pane; the flash names both.
        let next = ConsoleFixtures.tickets[1]
        #expect(state.reduce(.ticketFound(next, .next(after: nil, current: 1))).contains(.loadThread(next.id)))
        #expect(state.focus == .thread)
        #expect(state.flash?.text.hasSuffix("now #\(next.id) \(next.customerName)") == true)
    }

    @Test("With send-and-next turned off the thread stays on the ticket just answered")
    mutating func sentStays() {
        state.sendAndNext = false
        var sentTicket = ConsoleFixtures.tickets[0]
        sentTicket.due = nil
        let message = Message(id: 9, ticketID: 1, externalID: "kefu-x", direction: .outbound, author: "Li Wei",
                              recipient: "", at: ConsoleFixtures.now, subject: "", body: "Hi", language: nil)
        let effects = state.reduce(.sent(SentReply(message: message, ticket: sentTicket, settled: [], wasDuplicate: false)))
        #expect(effects == [.loadQueue(.reload(keep: nil)), .loadTotals, .loadThread(1)])
    }
}

/// `n`, `p`, `#`, `:open`, `z`, Esc on a filter, `x`, as the reducer sees them.
@Suite("reduce: moving between tickets")
struct FlowReduceTests {
    var state = ConsoleFixtures.state(rows: 40, cols: 120)

    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { state.reduce(.key($0)) }
    }

    @Test("n asks the store for the next ticket: from the queue the top, from a thread the one after it")
    mutating func next() {
        #expect(press(.char("n")) == [.findTicket(.next(after: nil, current: nil))])
        let third = ConsoleFixtures.tickets[2]
        let effects = state.reduce(.ticketFound(third, .next(after: nil, current: nil)))
        #expect(effects.contains(.loadThread(third.id)))
        #expect(state.focus == .thread)
        #expect(state.queue.selectedTicket?.id == third.id)
        #expect(state.flash?.text == "Next: #3 Zoé Lefèvre")
        _ = state.reduce(.threadLoaded(ConsoleFixtures.thread(for: third)))
        #expect(press(.char("n")) == [.findTicket(.next(after: QueuePosition(third), current: third.id))])
        // The store gives back the same ticket: nothing else waits, and it says so.
        _ = state.reduce(.ticketFound(third, .next(after: QueuePosition(third), current: third.id)))
        #expect(state.flash?.text == "No other ticket waits: this is the only one left for you")
        _ = state.reduce(.ticketFound(nil, .next(after: nil, current: nil)))
        #expect(state.flash?.text.hasPrefix("Nothing else to answer") == true)
    }

    @Test("p goes back through the tickets opened before; with none it says what p does")
    mutating func back() {
        _ = state.reduce(.ticketFound(ConsoleFixtures.tickets[3], .id(4)))
        _ = state.reduce(.threadLoaded(ConsoleFixtures.thread(for: ConsoleFixtures.tickets[3])))
        #expect(state.visited == [1])
        #expect(press(.char("p")) == [.findTicket(.back(1))])
        _ = state.reduce(.ticketFound(ConsoleFixtures.tickets[0], .back(1)))
        #expect(state.visited.isEmpty)
        #expect(press(.char("p")).isEmpty)
        #expect(state.flash?.text.hasPrefix("No earlier ticket") == true)
    }

    @Test("# and :open take a number; anything else is named")
    mutating func jump() {
        _ = press(.char("#"))
        #expect(state.prompt?.kind == .jump)
        #expect(press(.char("3"), .char("9"), .enter) == [.findTicket(.id(39))])
        for c in ":open 39" { _ = press(.char(c)) }
        #expect(press(.enter) == [.findTicket(.id(39))])
        for c in ":#12" { _ = press(.char(c)) }
        #expect(press(.enter) == [.findTicket(.id(12))])
        for c in ":open abc" { _ = press(.char(c)) }
        #expect(press(.enter).isEmpty)
        #expect(state.flash?.text == "open takes a ticket number, e.g. :open 39 or #39")
        _ = state.reduce(.ticketFound(nil, .id(39)))
        #expect(state.flash?.text == "No ticket #39")
    }

    @Test("z asks until when; the time is read on the agent's clock; a mistake changes nothing")
    mutating func snooze() {
        _ = press(.char("z"))
        #expect(state.prompt?.kind == .snooze(1))
        for c in "2h" { _ = press(.char(c)) }
        #expect(press(.enter) == [.snooze(ticketID: 1, until: ConsoleFixtures.now.addingTimeInterval(7200))])
        _ = press(.char("z"))
        for c in "later" { _ = press(.char(c)) }
        #expect(press(.enter).isEmpty)
        #expect(state.flash?.kind == .error)
        #expect(state.flash?.text.contains("Cannot snooze until “later”") == true)
        var snoozed = ConsoleFixtures.tickets[0]
        snoozed.snoozedUntil = ConsoleFixtures.now.addingTimeInterval(7200)
        #expect(state.reduce(.snoozed(snoozed)).contains(.loadQueue(.reload(keep: nil))))
        #expect(state.flash?.text.contains("snoozed until") == true)
    }

    @Test("Esc clears a / filter; x marks without moving")
    mutating func escAndMark() {
        for c in "/zoé" { _ = press(.char(c)) }
        _ = press(.enter)
        #expect(state.queue.filter == "zoé")
        #expect(press(.escape) == [.loadQueue(.top)])
        #expect(state.queue.filter.isEmpty)
        #expect(press(.escape).isEmpty)
        _ = press(.char("x"))
        #expect(state.marked == [1])
        #expect(state.queue.selected == 0)
    }

    @Test(":sort switches triage and deadline order and reloads from the top")
    mutating func sort() {
        #expect(state.queue.order == .triage)
        for c in ":sort" { _ = press(.char(c)) }
        #expect(press(.enter) == [.loadQueue(.top)])
        #expect(state.queue.order == .deadline)
        for c in ":sort triage" { _ = press(.char(c)) }
        _ = press(.enter)
        #expect(state.queue.order == .triage)
        for c in ":sort sideways" { _ = press(.char(c)) }
        _ = press(.enter)
        #expect(state.flash?.kind == .error)
    }
}

@Suite("reduce: small manners of issue 18")
struct MannersReduceTests {
    var state = ConsoleFixtures.state(rows: 40, cols: 120)

    @Test("A dashboard drill-down to another agent: m returns to all, as the flash says; empty says why")
    mutating func drillDown() {
        state.queue.scope = QueueScope(assignee: .agent("Bo Chen"))
        _ = state.reduce(.key(.char("m")))
        #expect(state.queue.scope == .everything)
        state.queue.scope = QueueScope(assignee: .agent("Bo Chen"))
        _ = state.reduce(.queueLoaded(QueueWindow(rows: [], windowStart: 0, total: 0, selected: 0)))
        let text = ConsoleView.render(state).text
        #expect(text.contains("No open ticket is Bo Chen's (answers count for whoever replied) — m: everyone's"))
        #expect(!text.contains("Nothing to answer"))
        // From mine, m still cycles to unassigned.
        state.queue.scope = QueueScope(assignee: .agent(state.profile.name))
        _ = state.reduce(.key(.char("m")))
        #expect(state.queue.scope.assignee == .unassigned)
    }

    @Test("The thread header counts one message in the singular; :outcome names the ticket once")
    mutating func wording() {
        var thread = ConsoleFixtures.thread(for: ConsoleFixtures.tickets[0])
        thread.messages = Array(thread.messages.prefix(1))
        _ = state.reduce(.threadLoaded(thread))
        #expect(ConsoleView.render(state).text.contains("Thread · 1 message ·"))
        for c in ":outcome 146" { _ = state.reduce(.key(.char(c))) }
        _ = state.reduce(.key(.enter))
        let text = ConsoleView.render(state).text
        #expect(text.contains("Outcome of #146"))
        #expect(!text.contains("#146 #146"))
    }
}
