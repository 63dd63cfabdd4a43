import ArgumentParser
import Foundation
import KefuConfig
import KefuConsole
import KefuCore
import KefuResources
import KefuStore

/// Issue 15's customer figures: on a large store (100,000 demo tickets by default, made once at
/// `--db` when the file does not exist), one customer with 200 orders and 50 conversations gets
/// added; the profile is opened (`i`: the store's read and the 120x40 screen with the profile
/// drawn) and timed, and the segments of every customer are computed anew (first run: every
/// customer's segment is new; second: nothing changed).
///
///     swift build -c release --scratch-path .build-release --product kefu-bench
///     .build-release/release/kefu-bench customers --db /tmp/customers-100k.sqlite
struct CustomersBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "customers", abstract: "Customer profile opening and segment computation on a large store.")

    @Option(help: "The store (made with this many demo tickets when the file does not exist; opening migrates it).")
    var db: String
    @Option(help: "Demo tickets when the store is made here.") var tickets = 100_000
    @Option(help: "Messages per demo ticket when the store is made here.") var messagesPerTicket = 3
    @Option(help: "How many times to open the profile.") var opens = 50

    func run() throws {
        let policy = try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: nil).deadlinePolicy()
        let existed = FileManager.default.fileExists(atPath: db)
        let openStart = ProcessClock.now()
        let store = try SQLiteTicketStore(path: db, policy: policy)
        print(String(format: "Open (and migrate if needed): %.0f ms", (ProcessClock.now() - openStart) * 1000))
        let now = Date()
        if !existed {
            let recipe = try DemoRecipe.load(from: KefuResources.demoRecipe)
            let generator = DemoGenerator(recipe: recipe, now: now, seed: 7, messagesPerTicket: messagesPerTicket,
                                          replyTarget: DemoGenerator.target(from: policy))
            let started = ProcessClock.now()
            var done = 0
            while done < tickets {
                let batch = generator.batch(done..<min(tickets, done + 2_000))
                try store.saveOrders(batch.orders)
                _ = try store.ingest(batch.records)
                done = min(tickets, done + 2_000)
            }
            let seconds = ProcessClock.now() - started
            print(String(format: "Made %d demo tickets with their orders in %.1f s (%.0f tickets/s, customers linked on the way)",
                         tickets, seconds, Double(tickets) / seconds))
        }
        let (ticketCount, messages) = try store.counts()
        print("Store: \(ticketCount) tickets, \(messages) messages (\(db))")

        // The heavy customer: 200 orders (report with the buyer's email) and 50 conversations.
        let address = "heavy.buyer.\(Int(now.timeIntervalSince1970))@example.com"
        let stamp = Int(now.timeIntervalSince1970)
        var orders: [(order: Order, buyerEmail: String?)] = []
        for k in 0..<200 {
            let placed = now.addingTimeInterval(-Double(k) * 86_400)
            let parcel = Parcel(trackingNumber: "RB\(String(format: "%09d", k))GB", carrier: "Royal Mail", shippedAt: placed)
            let order = Order(id: "HEAVY-\(stamp)-\(k)", marketplace: .amazon, customerName: "Heavy Buyer", placedAt: placed,
                              total: Decimal(10 + k % 90), currency: k % 5 == 0 ? "GBP" : "EUR",
                              items: [OrderItem(sku: "S\(k)", title: "Lamp", quantity: 1)], parcels: [parcel])
            orders.append((order, address))
        }
        try store.importOrders(orders)
        let records = (0..<50).flatMap { c -> [IngestRecord] in
            let key = "heavy-\(Int(now.timeIntervalSince1970))-\(c)"
            let at = now.addingTimeInterval(-Double(c) * 3 * 86_400)
            return [IngestRecord(id: key + "-in", conversation: key, channel: .email, marketplace: .amazon, direction: .inbound,
                                 from: "Heavy Buyer <\(address)>", to: "shop@example.com", at: at, subject: "Question \(c)",
                                 body: "Hello, a question about order \(orders[c].order.id).", order: orders[c].order.id, language: "en")]
        }
        _ = try store.ingest(records)
        let customer = try store.customer(byKey: CustomerKey.email(address)!)!
        let first = try store.customerProfile(id: customer.id)!
        for conversation in first.conversations.prefix(25) {
            _ = try store.solve(ticketID: conversation.ticketID, outcome: OutcomeChoice(problem: .productQuestion, responsible: .seller),
                                acting: .unrestricted("Bench"), now: now)
        }
        let ticket = try store.ticket(id: first.conversations.last!.ticketID)!
        print("Customer \(CustomerName.of(customer.id)): \(first.orders.count) orders, \(first.conversations.count) conversations")

        var times: [Double] = []
        var state = AppState(rows: 40, cols: 120, now: now, profile: AgentProfile(name: "Li Wei", storeName: "Bench"))
        state.thread = ThreadState(ticket: ticket, messages: try store.messages(ticketID: ticket.id), order: nil)
        state.focus = .profile
        state.customerPane.open = true
        for _ in 0..<opens {
            let start = ProcessClock.now()
            let id = try store.customerID(ticketID: ticket.id)!
            state.thread!.customer = try store.customerProfile(id: id)
            let screen = ConsoleView.render(state)
            times.append(ProcessClock.now() - start)
            precondition(screen.contains("earlier conversations (49)"), "the profile did not draw")
        }
        times.sort()
        print(String(format: "Profile open (customer of the ticket → profile read → 120x40 screen drawn), %d runs: p50 %.1f ms, p90 %.1f ms, max %.1f ms",
                     opens, times[times.count / 2] * 1000, times[min(times.count - 1, times.count * 9 / 10)] * 1000, times.last! * 1000))

        for run in ["first", "second (nothing changed)"] {
            let start = ProcessClock.now()
            let summary = try store.recomputeSegments(rules: .standard, now: now)
            let seconds = ProcessClock.now() - start
            let counts = summary.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print(String(format: "Segments, %@ run: %d customers in %.2f s; %d open tickets' deadlines looked at again; %@",
                         run, summary.customers, seconds, summary.ticketsRecomputed, counts))
        }
    }
}
