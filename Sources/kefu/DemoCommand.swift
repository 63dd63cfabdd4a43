import ArgumentParser
import Foundation
import KefuConsole
import KefuCore
import KefuResources
import KefuStore

/// `kefu demo`: builds a store of realistic conversations and opens the console on it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo store (about 200 conversations) and open the console on it.",
        discussion: """
            The demo store is a real SQLite file, made anew on every run so its deadlines are spread \
            around now: some overdue, some due within the hour, most later. Without --db it lives at \
            $XDG_DATA_HOME/kefu/demo.sqlite. Kefu refuses to replace a file that is not a demo store.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "How many conversations to make.")
    var tickets = 200

    @Option(help: "Average messages per conversation (the benchmark store uses 10).")
    var messagesPerTicket = 3

    @Option(help: "Seed for the generator: the same seed makes the same store.")
    var seed: UInt64 = 1111

    @Flag(help: "Build the store and exit without opening the console.")
    var noConsole = false

    func validate() throws {
        guard tickets > 0, tickets <= 2_000_000 else { throw ValidationError("--tickets must be between 1 and 2000000") }
        guard messagesPerTicket > 0, messagesPerTicket <= 100 else { throw ValidationError("--messages-per-ticket must be between 1 and 100") }
    }

    func run() throws {
        let path = try storeOptions.path(default: "demo.sqlite", command: "kefu demo")
        try DemoStoreBuilder.removeOldDemo(at: path)
        let policy = try Wiring.demoConfiguration().deadlinePolicy()
        let store = try SQLiteTicketStore(path: path, policy: policy)
        try store.setMeta("demo", "1")
        try store.applyPolicyChangeIfNeeded()
        let recipe = try DemoRecipe.load(from: KefuResources.demoRecipe)
        let generator = DemoGenerator(
            recipe: recipe, now: Date(), seed: seed, messagesPerTicket: messagesPerTicket,
            replyTarget: DemoGenerator.target(from: policy))
        let started = Date()
        try DemoStoreBuilder.fill(store, with: generator, tickets: tickets, progress: tickets >= 5_000)
        try DemoEvidence.add(to: store, orders: generator.batch(0..<min(tickets, 60)).orders)
        try DemoFollowUpCases.add(to: store, orders: generator.batch(0..<min(tickets, DemoFollowUpCases.largest)).orders)
        try DemoStoreBuilder.addReturningCustomers(store, from: generator.batch(0..<min(tickets, 8)).records, now: generator.now)
        if noConsole {
            let (t, m) = try store.counts()
            print("Demo store \(path): \(t) tickets, \(m) messages (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
            return
        }
        try ConsoleRunner.run(store: store, profile: AgentProfile(name: recipe.agent, storeName: recipe.storeName), proof: try Wiring.proofLoader(store: store, options: storeOptions))
    }
}

/// Fills a store from the demo generator in batches, so memory stays flat for large stores.
enum DemoStoreBuilder {
    static func fill(_ store: SQLiteTicketStore, with generator: DemoGenerator, tickets: Int, progress: Bool) throws {
        let batchSize = 2_000
        var done = 0
        while done < tickets {
            let range = done..<min(tickets, done + batchSize)
            let batch = generator.batch(range)
            try store.saveOrders(batch.orders)
            _ = try store.ingest(batch.records)
            done = range.upperBound
            if progress {
                FileHandle.standardError.write(Data("\rBuilding demo store: \(done)/\(tickets) tickets".utf8))
            }
        }
        if progress { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// Earlier orders and solved conversations for the first customers, then the segments.
    static func addReturningCustomers(_ store: SQLiteTicketStore, from records: [IngestRecord], now: Date) throws {
        let earlier = DemoHistory.earlier(for: records, now: now)
        try store.importOrders(earlier.orders)
        _ = try store.ingest(earlier.records)
        let agent = ActingAgent.unrestricted("Demo")
        for (conversation, outcome) in earlier.outcomes {
            guard let first = earlier.records.first(where: { $0.conversation == conversation }),
                  let customer = try store.customer(byKey: CustomerKey.email(first.customer.address) ?? .conversation(conversation)),
                  let profile = try store.customerProfile(id: customer.id),
                  let ticket = profile.conversations.first(where: { $0.conversation == conversation }) else { continue }
            _ = try store.solve(ticketID: ticket.ticketID, outcome: outcome, acting: agent, now: first.at.addingTimeInterval(4 * 3600))
        }
        _ = try store.recomputeSegments(rules: .standard, now: now)
    }

    /// Removes a previous demo store at `path`; refuses if the file is something else.
    static func removeOldDemo(at path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > 0 {
            guard (try? SQLiteTicketStore.peekMeta(path: path, key: "demo")) == "1" else {
                throw UserError(message: "\(path) holds a store that kefu demo did not make; it will not be replaced. Choose another --db.")
            }
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try? FileManager.default.removeItem(at: EvidenceStore.folder(nextTo: URL(fileURLWithPath: path)))
    }
}

/// The demo's stuck parcels, customs hold and incomplete address, then the follow-up rules, so
/// speak-first items are in the queue on the first run.
enum DemoFollowUpCases {
    /// Beyond this many tickets the demo is a benchmark store: carrier events are left out.
    static let largest = 5_000

    static func add(to store: SQLiteTicketStore, orders: [Order]) throws {
        let now = Date()
        let cases = DemoFollowUps.cases(orders: orders, now: now)
        _ = try store.importOrders(cases.orders.suffix(1).map { ($0, "lukas.becker@example.de") })
        _ = try store.importCarrierEvents(cases.events, now: now)
        _ = try FollowUpChecking.run(store, now: now)
    }
}
