import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport
@testable import KefuConsole

/// Assignment, solving and the dashboard through the engine over a real store (`TeamDay`).
@Suite("Console: assignment, outcomes, dashboard")
struct TeamConsoleTests {
    let temp: TemporaryStore
    let tickets: TeamDay.Tickets

    init() throws {
        temp = try TemporaryStore()
        tickets = try TeamDay.build(temp.store)
    }

    func engine(rows: Int = 40, cols: Int = 120, me: String = "Li Wei", standing: ActingAgent.Standing = .noRoles) -> ConsoleEngine {
        var state = AppState(rows: rows, cols: cols, now: TeamDay.now, profile: AgentProfile(name: me, storeName: "Shop", standing: standing))
        state.timeZone = TeamDay.timeZone
        let engine = ConsoleEngine(state: state, environment: ConsoleEnvironment(store: temp.store, clock: .fixed(TeamDay.now)))
        engine.start()
        return engine
    }

    func press(_ engine: ConsoleEngine, _ keys: Key...) {
        for key in keys { engine.send(.key(key)) }
    }

    /// Selects the ticket with `id` in the queue by walking it.
    func select(_ engine: ConsoleEngine, _ id: Int64) throws {
        press(engine, .char("g"), .char("g"))
        for _ in 0..<engine.state.queue.total where engine.state.queue.selectedTicket?.id != id { press(engine, .char("j")) }
        try #require(engine.state.queue.selectedTicket?.id == id)
    }

    @Test("a takes the selected ticket; m cycles all / mine / unassigned; the row shows the owner")
    func takeAndFilter() throws {
        let engine = engine(me: "Bo Chen")
        try select(engine, tickets.t5)
        press(engine, .char("a"))
        #expect(try temp.store.assignee(ticketID: tickets.t5) == "Bo Chen")
        #expect(engine.state.flash?.text == "#\(tickets.t5) now belongs to you")
        #expect(engine.state.queue.selectedTicket?.assignee == "Bo Chen")
        let row = ConsoleView.render(engine.state)
        #expect(row.contains(" BC "), "the queue row shows the owner's initials")

        press(engine, .char("m"))
        #expect(engine.state.queue.scope.assignee == .agent("Bo Chen"))
        #expect(engine.state.queue.rows.map(\.id) == [tickets.t5])
        #expect(ConsoleView.render(engine.state).contains("Queue · needs reply · mine · 1/1"))
        press(engine, .char("m"))
        #expect(engine.state.queue.scope.assignee == .unassigned)
        #expect(engine.state.queue.rows.isEmpty)  // T6 is unassigned but needs no reply
        press(engine, .char("v"))
        #expect(engine.state.queue.rows.map(\.id) == [tickets.t6])
        press(engine, .char("m"))
        #expect(engine.state.queue.scope == .everything)
        #expect(engine.state.queue.total == 6)
    }

    @Test("x marks a batch, A moves it to a name typed on the prompt line, history records the lead")
    func batchMove() throws {
        let engine = engine(me: "Lead Zhang")
        press(engine, .char("v"))  // all open: six tickets
        try select(engine, tickets.t1)
        press(engine, .char("x"))
        try select(engine, tickets.t3)
        press(engine, .char("x"))
        #expect(engine.state.marked == [tickets.t1, tickets.t3])
        #expect(ConsoleView.render(engine.state).contains("2 marked"))
        press(engine, .char("A"))
        #expect(ConsoleView.render(engine.state).contains("assign 2 tickets to: "))
        for c in "Bo Chen" { press(engine, .char(c)) }
        press(engine, .enter)
        #expect(engine.state.marked.isEmpty)
        #expect(engine.state.flash?.text == "2 tickets now belong to Bo Chen")
        #expect(try temp.store.assignee(ticketID: tickets.t1) == "Bo Chen")
        #expect(try temp.store.assignee(ticketID: tickets.t3) == "Bo Chen")
        let last = try #require(try temp.store.assignments(ticketID: tickets.t3).last)
        #expect(last.previous == "Anna")
        #expect(last.assignedBy == "Lead Zhang")
        #expect(last.at == TeamDay.now)
    }

    @Test("An agent's A on a batch or to someone else, a on another's ticket and :outcome are refused on the status bar; nothing changes")
    func agentRefused() throws {
        let engine = engine(me: "Li Wei", standing: .agent)
        let screen = { ConsoleView.render(engine.state) }
        press(engine, .char("v"))  // all open
        try select(engine, tickets.t5)
        press(engine, .char("x"))
        try select(engine, tickets.t6)
        press(engine, .char("x"))
        press(engine, .char("A"))
        #expect(engine.state.prompt == nil)
        #expect(screen().contains("Moving 2 tickets at once needs the lead role (Li Wei is an agent)"))
        #expect(engine.state.marked == [tickets.t5, tickets.t6])  // kept for a lead to move

        // One ticket to someone else: refused after the name, before anything is written.
        press(engine, .char("x"))  // unmark T6
        try select(engine, tickets.t5)
        press(engine, .char("x"))  // unmark T5
        #expect(engine.state.marked.isEmpty)
        press(engine, .char("A"))
        for c in "Bo Chen" { press(engine, .char(c)) }
        press(engine, .enter)
        #expect(screen().contains("Giving a ticket to Bo Chen needs the lead role"))
        #expect(try temp.store.assignee(ticketID: tickets.t5) == nil)

        // Anna's ticket is not Li Wei's to take.
        try select(engine, tickets.t3)
        press(engine, .char("a"))
        #expect(screen().contains("Taking a ticket from Anna needs the lead role"))
        #expect(try temp.store.assignee(ticketID: tickets.t3) == "Anna")

        press(engine, .char(":"))
        for c in "outcome \(tickets.t7)" { press(engine, .char(c)) }
        press(engine, .enter)
        #expect(engine.state.outcomePrompt == nil)
        #expect(screen().contains("Changing the recorded outcome of #\(tickets.t7) needs the lead role"))

        // Help says who they are.
        press(engine, .char("?"))
        for _ in 0..<60 { press(engine, .char("j")) }  // the legend is at the end
        #expect(screen().contains("You: Li Wei, agent (others' tickets, batches, outcome edits: leads)"))
        press(engine, .escape)

        // What an agent may: take an unowned ticket.
        try select(engine, tickets.t5)
        press(engine, .char("a"))
        #expect(try temp.store.assignee(ticketID: tickets.t5) == "Li Wei")
        #expect(try temp.store.assignments(ticketID: tickets.t3).count == 1)  // only TeamDay's
    }

    @Test("A lead moves someone else's ticket and corrects an outcome")
    func leadAllowed() throws {
        let engine = engine(me: "Zhang Min", standing: .lead)
        press(engine, .char("v"))
        try select(engine, tickets.t3)
        press(engine, .char("a"))
        #expect(try temp.store.assignee(ticketID: tickets.t3) == "Zhang Min")
        press(engine, .char(":"))
        for c in "outcome \(tickets.t7)" { press(engine, .char(c)) }
        press(engine, .enter)
        press(engine, .char("w"), .char("w"))  // wrong item, warehouse
        #expect(try temp.store.outcomeHistory(ticketID: tickets.t7).map(\.recordedBy) == ["Anna", "Zhang Min"])
    }

    @Test("S, then a problem key and a responsible key, solves with the preset resolution")
    func solve() throws {
        let engine = engine()
        try select(engine, tickets.t2)
        press(engine, .char("S"))
        // The customer spoke last and has no reply: solving asks first.
        #expect(ConsoleView.render(engine.state).text.contains("No reply yet: solving counts it as unanswered. Solve anyway? y/n"))
        press(engine, .char("y"))
        var screen = ConsoleView.render(engine.state)
        #expect(screen.contains("Solve #\(tickets.t2)"))
        #expect(screen.contains("▶ 1st key — the problem"))
        #expect(screen.contains("w wrong item"))
        press(engine, .char("w"))
        screen = ConsoleView.render(engine.state)
        #expect(screen.contains("1st key — the problem: wrong item"))
        #expect(screen.contains("Resolution — a digit before the 2nd key changes it: reship (preset for this problem)"))
        press(engine, .char("w"))  // warehouse
        #expect(engine.state.outcomePrompt == nil)
        let outcome = try #require(try temp.store.outcome(ticketID: tickets.t2))
        #expect(outcome.choice == OutcomeChoice(problem: .wrongItem, responsible: .warehouse, resolution: .reship))
        #expect(outcome.recordedBy == "Li Wei")
        #expect(try temp.store.ticket(id: tickets.t2)?.status == .solved)
        #expect(!engine.state.queue.rows.contains { $0.id == tickets.t2 })
        #expect(engine.state.flash?.text.hasPrefix("Solved #\(tickets.t2) · wrong item · warehouse · reship") == true)
        #expect(engine.state.flash?.text.hasSuffix("closed without a reply: counts as unanswered") == true)
    }

    @Test("S on an unanswered message, then N: settled as needing no reply, then solved with two keys; nothing closed unanswered")
    func solveNeedingNoReply() throws {
        let engine = engine()
        try select(engine, tickets.t2)
        press(engine, .char("S"))
        #expect(ConsoleView.render(engine.state).contains("Solve anyway? y/n, or N: needs no reply"))
        press(engine, .char("N"))
        #expect(ConsoleView.render(engine.state).contains("Solve #\(tickets.t2)"))
        press(engine, .char("w"), .char("w"))
        #expect(try temp.store.ticket(id: tickets.t2)?.status == .solved)
        #expect(engine.state.flash?.text.contains("closed without a reply") == false)
        // Li Wei's met share is as TeamDay left it: the excused record counts nowhere.
        let figures = DashboardFigures.compute(try temp.store.meterInputs(now: TeamDay.now, timeZone: TeamDay.timeZone))
        #expect(figures.agents.first { $0.subject == .agent("Li Wei") }?.metToday == Share(part: 5, whole: 6))
    }

    @Test("A digit changes the resolution; Esc cancels without solving; :outcome edits later")
    func resolutionAndEdit() throws {
        let engine = engine()
        try select(engine, tickets.t1)
        press(engine, .char("S"), .char("y"), .escape)
        #expect(try temp.store.ticket(id: tickets.t1)?.status == .open)
        #expect(engine.state.flash?.text == "Not solved")
        press(engine, .char("S"), .char("y"), .char("q"), .char("2"), .char("s"))  // quality problem, refund, seller
        #expect(try temp.store.outcome(ticketID: tickets.t1)?.choice == OutcomeChoice(problem: .qualityProblem, responsible: .seller, resolution: .refund))
        press(engine, .char(":"))
        for c in "outcome \(tickets.t1)" { press(engine, .char(c)) }
        press(engine, .enter)
        #expect(ConsoleView.render(engine.state).contains("Outcome of #\(tickets.t1)"))
        press(engine, .char("d"), .char("c"))  // damaged parcel, carrier → reship preset
        let history = try temp.store.outcomeHistory(ticketID: tickets.t1)
        #expect(history.map(\.choice.problem) == [.qualityProblem, .damagedParcel])
        #expect(history.last?.choice.resolution == .reship)
    }

    @Test("D shows the dashboard with every figure of the day; < > sort; Enter drills down to an agent's tickets")
    func dashboard() throws {
        let engine = engine()
        press(engine, .char("D"))
        let screen = ConsoleView.render(engine.state)
        let text = (0..<screen.rows).map { screen.text(row: $0) }
        func line(_ name: String) throws -> String { try #require(text.first { $0.contains(" " + name + " ") }, "no line for \(name)") }
        /// The words of a line, bars left out (they are checked by the snapshot).
        func words(_ line: String) -> [String] {
            line.split(separator: " ").map(String.init).filter { !$0.contains { "█▏▎▍▌▋▊▉┃·".contains($0) } }
        }
        // name, open, replied, 1st p50, 1st p90, reply p50, reply p90, met today, met 7d, overdue, <1h
        #expect(words(try line("Li Wei")) == ["Li", "Wei", "2", "5", "20m00s", "30m00s", "30m00s", "1d01h", "83.3%", "BELOW", "90.0%", "BELOW", "0", "1"])
        #expect(words(try line("Anna")) == ["Anna", "2", "3", "2m00s", "2h00m", "15m00s", "2h00m", "50.0%", "BELOW", "40.0%", "BELOW", "2", "0"])
        #expect(words(try line("(unassigned)")) == ["(unassigned)", "2", "0", "—", "—", "—", "—", "—", "no", "data", "—", "no", "data", "0", "0"])
        #expect(words(try line("whole queue")) == ["whole", "queue", "6", "8", "20m00s", "2h00m", "20m00s", "1d01h", "70.0%", "BELOW", "73.3%", "BELOW", "2", "1"])
        #expect(words(try line("Amazon")) == ["Amazon", "3", "6", "20m00s", "2h00m", "30m00s", "1d01h", "75.0%", "BELOW", "83.3%", "BELOW", "1", "1"])
        #expect(words(try line("Shopify chat")) == ["Shopify", "chat", "1", "2", "2m00s", "2m00s", "2m00s", "15m00s", "50.0%", "BELOW", "33.3%", "BELOW", "1", "0"])
        #expect(words(try line("eBay")) == ["eBay", "1", "0", "—", "—", "—", "—", "—", "no", "data", "—", "no", "data", "0", "0"])
        #expect(words(try line("Shopify email")).prefix(4) == ["Shopify", "email", "1", "0"])
        let late = try #require(text.first { $0.hasPrefix("   7d ") })  // under "Amazon late-response rate …"
        #expect(words(late).suffix(9) == ["7d", "25.0%", "OVER", "30d", "35.7%", "OVER", "90d", "33.3%", "OVER"])
        // Histogram of time to deadline: 2 overdue, 1 under an hour, 0, 2, 0.
        let histogram = DueBucket.allCases.map { bucket in text.first { $0.hasPrefix(" " + bucket.title + " ") }.map { words(String($0.prefix(58))).last } }
        #expect(histogram == ["2", "1", "0", "2", "0"])
        // Traffic over the last 24 hours: 5 in, 1 out.
        #expect(text.contains { $0.contains(" in ") && words($0).last == "5" })
        #expect(text.contains { $0.contains(" out ") && words($0).last == "1" })
        // Meters carry their target as ┃ and their state in words.
        #expect(try line("Li Wei").contains("┃"))

        // Sorting: overdue (worst first) is the default; < moves to "met 7d", which puts Anna's 40 % first.
        #expect(engine.state.dashboard?.rows.first?.subject == .agent("Anna"))
        press(engine, .char("<"))
        #expect(engine.state.dashboard?.sortColumn == .met7d)
        press(engine, .char("<"), .char("<"), .char("<"))
        #expect(engine.state.dashboard?.sortColumn == .replyP50)
        #expect(engine.state.dashboard?.rows.first?.subject == .agent("Li Wei"))  // 30m00s beats 15m00s
        #expect(ConsoleView.render(engine.state).contains("sorted by rep p50, worst first"))
        // r: best first — Anna's 15m00s; "(unassigned)" has no reply times and stays last.
        press(engine, .char("r"))
        #expect(engine.state.dashboard?.rows.map(\.subject) == [.agent("Anna"), .agent("Li Wei"), .agent(nil)])
        #expect(ConsoleView.render(engine.state).contains("sorted by rep p50, best first"))
        #expect(ConsoleView.render(engine.state).contains("rep p50▲"))
        press(engine, .char("r"))
        #expect(engine.state.dashboard?.rows.first?.subject == .agent("Li Wei"))

        // Enter on Li Wei: back to the queue listing his open tickets.
        press(engine, .enter)
        #expect(engine.state.dashboard == nil)
        #expect(engine.state.queue.scope.assignee == .agent("Li Wei"))
        #expect(Set(engine.state.queue.rows.map(\.id)) == [tickets.t1, tickets.t2])
        #expect(ConsoleView.render(engine.state).contains("Queue · all open · mine · 1/2"))
    }

    @Test("The dashboard refreshes every tick; Tab, j and Enter drill into a channel; Esc goes back")
    func liveAndLanes() throws {
        let engine = engine()
        press(engine, .char("D"))
        #expect(engine.state.dashboard?.figures?.team.repliedToday == 8)
        _ = try temp.store.send(ReplyRequest(ticketID: tickets.t5, body: "Hi", author: "Li Wei", idempotencyKey: "x"), now: TeamDay.now)
        engine.send(.tick(TeamDay.now.addingTimeInterval(1)))
        #expect(engine.state.dashboard?.figures?.team.repliedToday == 9)
        press(engine, .tab)
        #expect(engine.state.dashboard?.table == .lanes)
        let lanes = try #require(engine.state.dashboard?.rows)
        let chatIndex = try #require(lanes.firstIndex { $0.subject == .lane(Lane(channel: .chat, marketplace: .shopify)) })
        for _ in 0..<chatIndex { press(engine, .char("j")) }
        press(engine, .enter)
        #expect(engine.state.queue.rows.map(\.id) == [tickets.t4])
        #expect(ConsoleView.render(engine.state).contains("Queue · all open · Shopify chat · 1/1"))
        press(engine, .char("D"), .escape)
        #expect(engine.state.dashboard == nil)
        press(engine, .char(":"))
        for c in "dashboard" { press(engine, .char(c)) }
        press(engine, .enter)
        #expect(engine.state.dashboard?.figures?.team.repliedToday == 9)
        // The status bar's totals come from the same read while the dashboard is open.
        #expect(engine.state.totals == (try temp.store.totals(now: TeamDay.now)))
    }

    @Test("p shows the last 7 days' response times in the same columns: … while they load, then the figures")
    func weekTimes() throws {
        let engine = engine()
        press(engine, .char("D"))
        let screen = { (0..<ConsoleView.render(engine.state).rows).map { ConsoleView.render(engine.state).text(row: $0) } }
        func words(_ name: String) throws -> [String] {
            try #require(screen().first { $0.contains(" " + name + " ") }).split(separator: " ").map(String.init)
        }
        #expect(ConsoleView.render(engine.state).contains("times: today"))
        press(engine, .char("p"))
        #expect(ConsoleView.render(engine.state).contains("times: 7 days"))
        if engine.state.dashboard?.figures?.weekPending == true {
            #expect(try words("Li Wei").prefix(6) == ["Li", "Wei", "2", "5", "…", "…"])
        }
        engine.liveMeters?.reader.waitUntilComplete()
        engine.send(.tick(TeamDay.now))
        // name, open, replied today, then 1st p50, 1st p90, rep p50, rep p90 over 7 days (see MetersTests).
        #expect(try words("Li Wei").prefix(8) == ["Li", "Wei", "2", "5", "20m00s", "30m00s", "16m40s", "1d01h"])
        #expect(try words("whole queue").prefix(8) == ["whole", "queue", "6", "8", "20m00s", "2h00m", "16m40s", "2h00m"])
        // Sorting by rep p50 follows the shown period: Li Wei's 16m40s over Anna's 10m00s.
        press(engine, .char("<"), .char("<"), .char("<"), .char("<"))
        #expect(engine.state.dashboard?.sortColumn == .replyP50)
        #expect(engine.state.dashboard?.rows.map(\.subject.title).prefix(2) == ["Li Wei", "Anna"])
        press(engine, .char("p"))
        #expect(try words("Li Wei").prefix(8) == ["Li", "Wei", "2", "5", "20m00s", "30m00s", "30m00s", "1d01h"])
    }

    @Test("At 160 columns the 7-day percentiles stand beside today's; < > sort by them too")
    func weekBeside() throws {
        let engine = engine(rows: 40, cols: 160)
        press(engine, .char("D"))
        engine.waitForBackgroundWork()
        engine.send(.tick(TeamDay.now))
        let screen = ConsoleView.render(engine.state)
        let text = (0..<screen.rows).map { screen.text(row: $0) }
        #expect(text.contains { $0.contains("rep p90 1st50 7d 1st90 7d rep50 7d rep90 7d") })
        let li = try #require(text.first { $0.contains(" Li Wei ") }).split(separator: " ").map(String.init)
        // name, open, replied, today's four times, then the week's four.
        #expect(li.prefix(12) == ["Li", "Wei", "2", "5", "20m00s", "30m00s", "30m00s", "1d01h", "20m00s", "30m00s", "16m40s", "1d01h"])
        press(engine, .char("p"))
        #expect(engine.state.dashboard?.week == false)
        #expect(engine.state.flash?.text == "Today's and the 7 days' times are both shown at this width")
        // From overdue, < goes through met 7d and met today to the week's rep p90.
        press(engine, .char("<"), .char("<"), .char("<"))
        #expect(engine.state.dashboard?.sortColumn == .replyP90Week)
    }

    @Test("With a team list the dashboard shows every member, Bo Chen too before his first answer")
    func teamMembers() throws {
        var state = AppState(rows: 40, cols: 120, now: TeamDay.now, profile: AgentProfile(
            ActingAgent(name: "Zhang Min", standing: .lead), storeName: "Shop",
            team: TeamRoster(members: [TeamMember(name: "Zhang Min", role: .lead), TeamMember(name: "Bo Chen", role: .agent)])))
        state.timeZone = TeamDay.timeZone
        let engine = ConsoleEngine(state: state, environment: ConsoleEnvironment(store: temp.store, clock: .fixed(TeamDay.now)))
        engine.start()
        press(engine, .char("D"))
        let screen = ConsoleView.render(engine.state)
        let row = try #require((0..<screen.rows).map { screen.text(row: $0) }.first { $0.contains(" Bo Chen ") })
        #expect(row.split(separator: " ").prefix(4) == ["Bo", "Chen", "0", "0"])
        #expect(engine.state.dashboard?.figures?.agents.count == 5)  // Anna, Li Wei, nobody, and the two listed
    }

    @Test("Dashboard snapshots at 120x40 and 80x24")
    func snapshots() throws {
        for (rows, cols) in [(40, 120), (24, 80)] {
            let engine = engine(rows: rows, cols: cols)
            press(engine, .char("D"))
            try SnapshotTests.assertSnapshot(ConsoleView.render(engine.state), named: "dashboard-\(cols)x\(rows)")
        }
    }
}
