import ArgumentParser
import Foundation
import KefuConfig
import KefuCore
import KefuPostgres
import KefuResources
import KefuScratchPostgres
import KefuStore

/// Issue 14's claim figure: `--agents` agents, each on a connection of its own, press `n` as
/// fast as they can until the queue is empty. Each agent claims (capacity 1), deals with the
/// ticket at once (no response needed: it leaves the queue) and presses `n` again, letting it
/// go. Printed: tickets claimed twice (must be 0), tickets left unclaimed (must be 0), claims
/// per second, and the claim's p50/p99/max latency (the `claimNext` transaction alone).
///
///     swift build -c release && .build/release/kefu-bench claims --agents 50 --tickets 20000 [--db URL]
///
/// Without `--db` a scratch PostgreSQL server is started on loopback; `--db FILE.sqlite` (a
/// new file) runs the same on SQLite for comparison.
struct ClaimsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claims", abstract: "Many agents pressing n on one queue at once.")

    @Option(help: "Agents pressing n at once (one connection each).")
    var agents = 50

    @Option(help: "Tickets in the queue at the start.")
    var tickets = 20_000

    @Option(help: "An empty store: postgres://… database or a new SQLite file; default: a scratch PostgreSQL server.")
    var db: String?

    func run() throws {
        let policy = try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: nil).deadlinePolicy()
        let location = try db.map { try StoreLocation(parsing: $0) } ?? .postgres(try ScratchPostgresServer.shared().newDatabase())
        func open() throws -> any TicketStore & TicketClaiming & ConversationHolding {
            switch location {
            case .sqlite(let path): return try SQLiteTicketStore(path: path, policy: policy)
            case .postgres(let address): return try PostgresTicketStore(address: address, policy: policy)
            }
        }
        let seed = try open()
        guard try seed.totals(now: Date()).open == 0 else { throw ValidationError("the store is not empty: give a new database or file") }
        let started = Date()
        let base = Date().addingTimeInterval(-3 * 3600)
        for batch in stride(from: 0, to: tickets, by: 1_000) {
            let records = (batch..<min(tickets, batch + 1_000)).map { index in
                IngestRecord(
                    id: "claim-\(index)", conversation: "claim-\(index)", channel: .marketplace, marketplace: [.amazon, .ebay, .aliexpress][index % 3],
                    direction: .inbound, from: "Buyer \(index) <buyer\(index)@example.com>", to: "shop@example.com",
                    at: base.addingTimeInterval(Double(index % 10_000)), subject: "Order question \(index)", body: "Where is my order?", language: "en")
            }
            _ = try seed.ingest(records)
        }
        print(String(format: "Seeded %d tickets in %.1f s (%@)", tickets, Date().timeIntervalSince(started), location.description))

        let rules = ClaimRules(lease: 600, capacity: 1)
        let results = ClaimResults()
        let stores = try (0..<agents).map { _ in try open() }
        let wall = ProcessClock.now()
        // One thread per agent (concurrentPerform would run only as many as there are cores).
        let done = DispatchGroup()
        for index in 0..<agents {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
            let store = stores[index], agent = "agent-\(index)"
            var held: Int64?
            var latencies: [Double] = []
            var claimed: [Int64] = []
            var writes: [Double] = []
            do {
                while true {
                    let start = ProcessClock.now()
                    let outcome = try store.claimNext(for: agent, releasing: held, rules: rules, now: Date())
                    latencies.append(ProcessClock.now() - start)
                    guard case .claimed(let ticket) = outcome else {
                        if case .atCapacity = outcome { results.fail("\(agent) was at capacity after dealing with its ticket") }
                        break
                    }
                    claimed.append(ticket.id)
                    let dealing = ProcessClock.now()
                    _ = try store.markNoResponseNeeded(ticketID: ticket.id, agent: agent, now: Date())
                    writes.append(ProcessClock.now() - dealing)
                    held = ticket.id
                }
            } catch {
                results.fail("\(agent): \(error)")
            }
            results.add(claimed: claimed, latencies: latencies, writes: writes)
            }
        }
        done.wait()
        let elapsed = ProcessClock.now() - wall
        let left = try seed.totals(now: Date()).needsReply
        let (claimed, latencies, failures) = results.snapshot()
        let twice = claimed.count - Set(claimed).count
        let sorted = latencies.sorted()
        let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
        print("\(agents) agents pressing n until the queue was empty (\(location.description)):")
        print("  tickets claimed twice: \(twice); left unclaimed: \(left); claimed: \(Set(claimed).count) of \(tickets)")
        print(String(format: "  %.0f claims/s over %.1f s (each claim followed by a no-response-needed write)", Double(claimed.count) / elapsed, elapsed))
        print(String(format: "  claim latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d presses of n)",
                     sorted[sorted.count / 2] * 1000, p99 * 1000, sorted.last! * 1000, sorted.count))
        let writes = results.writes.sorted()
        if !writes.isEmpty {
            print(String(format: "  dealing with it (no response needed): p50 %.1f ms, p99 %.1f ms",
                         writes[writes.count / 2] * 1000, writes[min(writes.count - 1, writes.count * 99 / 100)] * 1000))
        }
        for failure in failures.prefix(5) { print("  failure: \(failure)") }
        if twice > 0 || left > 0 || !failures.isEmpty { throw ExitCode.failure }
    }
}

/// What the agents' threads found, gathered under a lock.
private final class ClaimResults: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed: [Int64] = []
    private var latencies: [Double] = []
    private var failures: [String] = []
    private(set) var writes: [Double] = []

    func add(claimed more: [Int64], latencies times: [Double], writes moreWrites: [Double]) {
        lock.withLock {
            claimed += more
            latencies += times
            writes += moreWrites
        }
    }

    func fail(_ text: String) { lock.withLock { failures.append(text) } }

    func snapshot() -> ([Int64], [Double], [String]) { lock.withLock { (claimed, latencies, failures) } }
}
