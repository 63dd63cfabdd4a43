import ArgumentParser
import Foundation
import KefuConfig
import KefuConsole
import KefuCore
import KefuResources
import KefuStore

/// Issue 7's figures on a large store: the dashboard's first paint (D pressed → figures read,
/// computed and the 120x40 screen rendered) and each live refresh (the one-second tick that
/// re-reads the figures and renders), with a reply stored between refreshes so each refresh
/// sees fresh rollups; and the queue's mine / unassigned filters (`m`).
///
/// Make the store first (100,000 tickets, about 1,000,000 messages), or copy a cached one:
///     swift run -c release kefu demo --db /tmp/big.sqlite --tickets 100000 --messages-per-ticket 10 --no-console
///     cp /tmp/big.sqlite /tmp/team-big.sqlite
/// then:
///     swift run -c release kefu-bench dashboard --db /tmp/team-big.sqlite
///
/// The first open of a store made before schema v3-team migrates it (and back-fills the
/// rollups); the benchmark says how long that took. When no ticket has an owner yet, it gives
/// 80 % of the open tickets to eight agents (recorded like any assignment) so the per-agent
/// figures have work to show.
struct DashboardBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "Dashboard first paint and live refresh on a large store.")

    @Option(help: "The store to open (a copy: opening migrates it).")
    var db: String

    @Option(help: "How many live refreshes to time.")
    var refreshes = 200

    func run() throws {
        let policy = try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: nil).deadlinePolicy()
        let openStart = ProcessClock.now()
        let store = try SQLiteTicketStore(path: db, policy: policy)
        print(String(format: "Open (and migrate if needed): %.0f ms", (ProcessClock.now() - openStart) * 1000))
        let (tickets, messages) = try store.counts()
        print("Store: \(tickets) tickets, \(messages) messages (\(db))")
        try assignIfNobodyOwnsAnything(store)

        var state = AppState(rows: 40, cols: 120, now: Date(), profile: AgentProfile(name: "Li Wei", storeName: "Bench"))
        state.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let engine = ConsoleEngine(state: state, environment: ConsoleEnvironment(store: store))
        engine.start()
        _ = ConsoleView.render(engine.state)

        // First paint: D → figures → screen.
        let paintStart = ProcessClock.now()
        engine.send(.key(.char("D")))
        var screen = ConsoleView.render(engine.state)
        let firstPaint = ProcessClock.now() - paintStart
        precondition(screen.contains("whole queue"), "the dashboard did not paint")
        print(String(format: "Dashboard first paint (D → figures read and computed → 120x40 rendered): %.1f ms", firstPaint * 1000))
        if let team = engine.state.dashboard?.figures?.team {
            print("  whole queue: open \(team.open), replied today \(team.repliedToday), met 7d \(team.met7d.percentText), overdue \(team.overdueNow); agents \(engine.state.dashboard?.figures?.agents.count ?? 0), channels \(engine.state.dashboard?.figures?.lanes.count ?? 0)")
        }

        // The week's answers (7-day percentiles) load on another thread after the first read.
        let weekStart = ProcessClock.now()
        engine.waitForBackgroundWork()
        // The console starts this load at its second refresh, a second after the first paint.
        print(String(format: "7-day answers loaded and sorted on a background thread: %.0f ms (started by the second refresh; … shown until then)",
                     (ProcessClock.now() - weekStart) * 1000))
        engine.send(.tick(Date()))
        if let team = engine.state.dashboard?.figures?.team, let week = team.reply7d {
            print("  whole queue 7 days: \(week.count) answers, reply p50 \(Int(week.p50)) s, p90 \(Int(week.p90)) s")
        }

        // Live refreshes, a reply stored before each (not timed) so every refresh reads changed rollups.
        // Each also inserts the new answer into the week's sorted lists.
        let open = try store.queue(QueueQuery(now: Date()), after: nil, limit: refreshes)
        var samples: [Double] = []
        var tick = Date()
        for i in 0..<refreshes {
            if i < open.count {
                _ = try store.send(ReplyRequest(ticketID: open[i].id, body: "Bench reply \(i)", author: "Li Wei",
                                                idempotencyKey: "bench-\(UUID().uuidString)"), now: Date())
            }
            tick = tick.addingTimeInterval(1)
            let start = ProcessClock.now()
            engine.send(.tick(tick))
            screen = ConsoleView.render(engine.state)
            samples.append(ProcessClock.now() - start)
        }
        report("Live refresh (tick → figures re-read → rendered), a reply stored before each", samples)
        // Where a refresh's time goes.
        var reads: [Double] = [], computes: [Double] = [], renders: [Double] = [], full: [Double] = []
        let live = store.liveMeters(timeZone: engine.state.timeZone)
        _ = try live.read(now: tick)
        live.waitUntilComplete()
        for i in 0..<20 {
            if i < open.count {
                _ = try store.send(ReplyRequest(ticketID: open[open.count - 1 - i].id, body: "Bench reply", author: "Anna",
                                                idempotencyKey: "bench-\(UUID().uuidString)"), now: Date())
            }
            var t = ProcessClock.now()
            let inputs = try live.read(now: tick)
            reads.append(ProcessClock.now() - t); t = ProcessClock.now()
            _ = DashboardFigures.compute(inputs)
            computes.append(ProcessClock.now() - t); t = ProcessClock.now()
            screen = ConsoleView.render(engine.state)
            renders.append(ProcessClock.now() - t); t = ProcessClock.now()
            _ = try store.meterInputs(now: tick, timeZone: engine.state.timeZone)
            full.append(ProcessClock.now() - t)
        }
        report("  of which the live read (only what changed)", reads)
        report("  of which computing the figures", computes)
        report("  of which rendering", renders)
        report("For comparison, a full read without the live reader (what kefu report does)", full)

        // The queue's m filter: mine, then unassigned, then all again.
        engine.send(.key(.escape))
        var filter: [Double] = []
        for _ in 0..<(refreshes / 2) {
            for _ in 0..<3 {
                let start = ProcessClock.now()
                engine.send(.key(.char("m")))
                screen = ConsoleView.render(engine.state)
                filter.append(ProcessClock.now() - start)
            }
        }
        report("m (mine / unassigned / all: first window and count)", filter)
        print(String(format: "Peak RSS: %.1f MB", ProcessClock.peakRSSMegabytes()))
        _ = screen
    }

    private func report(_ label: String, _ values: [Double]) {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return }
        let p50 = sorted[sorted.count / 2] * 1000, p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)] * 1000
        print(String(format: "%@: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d runs)", label, p50, p99, sorted.last! * 1000, sorted.count))
    }

    private func assignIfNobodyOwnsAnything(_ store: SQLiteTicketStore) throws {
        let probe = try store.queue(QueueQuery(view: .allOpen, now: Date(), scope: QueueScope(assignee: .unassigned)), after: nil, limit: 1)
        let total = try store.queueCount(QueueQuery(view: .allOpen, now: Date()))
        let unassigned = try store.queueCount(QueueQuery(view: .allOpen, now: Date(), scope: QueueScope(assignee: .unassigned)))
        guard !probe.isEmpty, unassigned == total else { return }
        let agents = ["Li Wei", "Anna", "Bo Chen", "Zhang Min", "Maria", "Chen Jing", "Wang Fang", "Liu Yang"]
        let start = ProcessClock.now()
        var position: QueuePosition?
        var index = 0
        while true {
            let page = try store.queue(QueueQuery(view: .allOpen, now: Date()), after: position, limit: 1000)
            guard let last = page.last else { break }
            position = QueuePosition(last)
            for agent in agents.indices {
                let ids = page.enumerated().filter { ($0.offset + index) % 10 == agent }.map(\.element.id)
                try store.assign(ticketIDs: ids, to: agents[agent], by: "Bench lead", now: Date())
            }
            index += page.count
        }
        print(String(format: "Assigned 80%% of %d open tickets to %d agents (%.1f s, once per store)", total, agents.count, ProcessClock.now() - start))
    }
}
