import ArgumentParser
import Foundation
import KefuConfig
import KefuCore
import KefuResources

/// `kefu-bench triage`: replays a peak morning twice — agents answering "overdue first" (plain
/// deadline order) and "savable first" (`TriageRule`) — and prints the met share and Amazon's
/// late-response rate for each.
///
/// The morning: the team starts at 09:00 Shanghai (Monday) on the queue that built up unanswered
/// (arrivals over the 30 hours before), then messages keep arriving at peak rate for three
/// hours. Channels are drawn from the demo's mix (`DemoGenerator.channelWeights`), deadlines
/// from the shipped SLA policies (every clock a ticket runs, business hours included). Answer
/// times: a live chat 1.5-2.5 minutes, anything else 3-7 minutes. Both runs see the same
/// arrivals and answer times (one seed); only the choice of the next ticket differs.
struct TriageBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage", abstract: "Replay a peak morning: met share and Amazon late rate, overdue first vs savable first.")

    @Option(help: "Agents answering.") var agents = 2
    @Option(help: "Messages per hour during the peak (the demo's normal day is about 7).") var peakPerHour = 30.0
    @Option(help: "Messages per hour before the team starts.") var overnightPerHour = 5.0
    @Option(help: "Hours the queue built up unanswered before the start (a weekend: 30).") var backlogHours = 30.0
    @Option(help: "Hours replayed after the start.") var hours = 3.0
    @Option(help: "Random seed (the same arrivals for both orders).") var seed: UInt64 = 18

    struct Arrival {
        var id: Int64
        var at: Date
        var channel: Channel
        var marketplace: Marketplace
        var answerSeconds: Double
        var clocks: [ReplyClock]
        var nearest: Date
    }

    struct Outcome {
        var met = 0, deadlines = 0
        var amazonLate = 0, amazonCounted = 0
        var chatMet = 0, chatDeadlines = 0
        var answered = 0

        var metShare: Double { deadlines == 0 ? 1 : Double(met) / Double(deadlines) }
        var amazonLateRate: Double { amazonCounted == 0 ? 0 : Double(amazonLate) / Double(amazonCounted) }
    }

    func run() throws {
        let policy = try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: nil).deadlinePolicy()
        let start = Date(timeIntervalSince1970: 1_796_605_200)  // Monday 2026-12-07 09:00 in Shanghai
        let end = start.addingTimeInterval(hours * 3600)
        var rng = SeededGenerator(seed: seed)
        var arrivals: [Arrival] = []
        func arrive(from: Date, to: Date, perHour: Double) {
            var t = from.timeIntervalSince1970
            while true {
                // Exponential gaps: a Poisson stream of messages.
                let u = max(1e-12, Double(rng.next() % 1_000_000) / 1_000_000)
                t += -log(u) * 3600 / perHour
                guard t < to.timeIntervalSince1970 else { return }
                let (channel, marketplace) = Self.pick(DemoGenerator.channelWeights, &rng)
                let at = Date(timeIntervalSince1970: t)
                let facts = ConversationFacts(channel: channel, marketplace: marketplace, status: .open, awaitingSince: at, hasReplied: false)
                let clocks = policy.clocks(for: facts)
                guard let nearest = clocks.nearest?.due else { continue }
                let answer = channel == .chat ? 90 + Double(rng.next(below: 61)) : 180 + Double(rng.next(below: 241))
                arrivals.append(Arrival(id: Int64(arrivals.count + 1), at: at, channel: channel, marketplace: marketplace,
                                        answerSeconds: answer, clocks: clocks, nearest: nearest))
            }
        }
        arrive(from: start.addingTimeInterval(-backlogHours * 3600), to: start, perHour: overnightPerHour)
        let backlog = arrivals.count
        arrive(from: start, to: end, perHour: peakPerHour)

        print("Triage replay: \(agents) agents, \(backlog) tickets waiting at 09:00 Shanghai (\(overnightPerHour)/h over the \(backlogHours) h before),")
        print("\(arrivals.count - backlog) more arriving over \(hours) h at \(peakPerHour)/h; shipped SLA policies; seed \(seed)")
        print("")
        print("order            met share   Amazon late rate   morning chats in 5 min   answered")
        for (name, order) in [("overdue first", QueueOrder.deadline), ("savable first", QueueOrder.triage)] {
            let outcome = replay(arrivals, order: order, start: start, end: end)
            func pct(_ x: Double) -> String { String(format: "%5.1f %%", x * 100) }
            print("\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(pct(outcome.metShare))     \(pct(outcome.amazonLateRate))            \(String(outcome.chatMet) + "/" + String(outcome.chatDeadlines))                    \(outcome.answered)")
        }
        print("")
        print("met share: deadlines met of those that ended by \(hours) h (answered, or passed unanswered); every clock counts.")
        print("Amazon late rate: Amazon messages answered after 24 h, or unanswered past it, of those answered or past it.")
    }

    /// Agents take the first ticket of the order whenever they are free, until the end.
    func replay(_ arrivals: [Arrival], order: QueueOrder, start: Date, end: Date) -> Outcome {
        let rule = TriageRule.standard
        var free = Array(repeating: start, count: agents)
        var open: [Arrival] = arrivals.filter { $0.at <= start }
        var next = open.count
        var answeredAt: [Int64: Date] = [:]
        while true {
            let agent = free.indices.min { free[$0] < free[$1] }!
            var now = free[agent]
            guard now < end else { break }
            while next < arrivals.count, arrivals[next].at <= now {
                open.append(arrivals[next])
                next += 1
            }
            if open.isEmpty {
                guard next < arrivals.count else { break }
                free[agent] = arrivals[next].at
                continue
            }
            now = free[agent]
            let index = open.indices.min { a, b in
                rule.precedes(QueuePosition(key: open[a].nearest.timeIntervalSince1970, id: open[a].id),
                              QueuePosition(key: open[b].nearest.timeIntervalSince1970, id: open[b].id), order: order, now: now)
            }!
            let ticket = open.remove(at: index)
            let done = now.addingTimeInterval(ticket.answerSeconds)
            if done <= end { answeredAt[ticket.id] = done }
            free[agent] = done
        }
        var outcome = Outcome()
        outcome.answered = answeredAt.count
        for ticket in arrivals {
            let answered = answeredAt[ticket.id]
            for clock in ticket.clocks {
                // Settled in the window: answered, or its deadline passed unanswered.
                guard answered != nil || clock.due <= end else { continue }
                let met = answered.map { $0 <= clock.due } ?? false
                outcome.deadlines += 1
                if met { outcome.met += 1 }
                // The 5-minute clock of the chats that came in during the morning.
                if ticket.channel == .chat, ticket.at >= start, clock.policy == "live-chat" {
                    outcome.chatDeadlines += 1
                    if met { outcome.chatMet += 1 }
                }
                if ticket.marketplace == .amazon, clock.policy.hasPrefix("amazon") {
                    outcome.amazonCounted += 1
                    if !met { outcome.amazonLate += 1 }
                }
            }
        }
        return outcome
    }

    static func pick<T>(_ weights: [(T, Int)], _ rng: inout SeededGenerator) -> T {
        let total = weights.reduce(0) { $0 + $1.1 }
        var roll = rng.next(below: total)
        for (value, weight) in weights {
            if roll < weight { return value }
            roll -= weight
        }
        return weights[0].0
    }
}
