import ArgumentParser
import Foundation
import KefuConfig
import KefuCore
import KefuPostgres
import KefuResources
import KefuScratchPostgres
import KefuStore

/// Issue 15's notice figure: `kefu notify` queues 10,000 personalised replies in ≤ 10 s. A new
/// store gets `--recipients` customers, each with a message in one of six languages and an
/// order shipped by Royal Mail; then the run is timed as the command does it: the recipients of
/// `--carrier "Royal Mail"` and the shipping days, the template filled per recipient, and the
/// notices queued in batches. A second run of the same campaign is timed too (it queues none).
///
///     swift build -c release --scratch-path .build-release --product kefu-bench
///     .build-release/release/kefu-bench notify --recipients 10000 [--db FILE|postgres://…|--postgres]
struct NotifyBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notify", abstract: "Queue personalised notices to many recipients (kefu notify).")

    @Option(help: "Customers (each with one order) the notice goes to.") var recipients = 10_000
    @Option(help: "A new store: a SQLite file or a postgres://… database (default: a SQLite file in a temporary folder).") var db: String?
    @Flag(help: "Use a scratch PostgreSQL server on loopback.") var postgres = false

    func run() throws {
        let policy = try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: nil).deadlinePolicy()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-bench-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let location: StoreLocation = postgres ? .postgres(try ScratchPostgresServer.shared().newDatabase())
            : try db.map { try StoreLocation(parsing: $0) } ?? .sqlite(path: folder.appendingPathComponent("notify.sqlite").path)
        let store: any TicketStore & OrderImporting & NoticeStore
        switch location {
        case .sqlite(let path): store = try SQLiteTicketStore(path: path, policy: policy)
        case .postgres(let address): store = try PostgresTicketStore(address: address, policy: policy)
        }
        let now = Date()
        let shipped = now.addingTimeInterval(-3 * 86_400)
        let languages = ["en", "de", "fr", "es", "it", "ja"]
        let seedStart = ProcessClock.now()
        for start in stride(from: 0, to: recipients, by: 2_000) {
            let range = start..<min(recipients, start + 2_000)
            _ = try store.ingest(range.map { i in
                IngestRecord(id: "n-\(i)", conversation: "n-\(i)", channel: .email, marketplace: .shopify, direction: .inbound,
                             from: "Buyer \(i) <buyer\(i)@example.com>", to: "shop@example.com", at: now.addingTimeInterval(-86_400),
                             subject: "Order N-\(i)", body: "Where is my order N-\(i)?", order: "N-\(i)", language: languages[i % languages.count])
            })
            _ = try store.importOrders(range.map { i in
                (Order(id: "N-\(i)", marketplace: .shopify, customerName: "Buyer \(i)", placedAt: shipped.addingTimeInterval(-86_400),
                       total: 25, currency: "EUR", items: [OrderItem(sku: "L1", title: "Lamp", quantity: 1)],
                       parcels: [Parcel(trackingNumber: "RB\(String(format: "%08d", i))5GB", carrier: "Royal Mail", shippedAt: shipped)]),
                 "buyer\(i)@example.com")
            })
        }
        print(String(format: "Store: %d customers with a message and an order each, made in %.1f s (%@)",
                     recipients, ProcessClock.now() - seedStart, location.description))

        let template = try TemplateLibrary.load(from: [KefuResources.templatesFolder]).template(named: "parcel-in-transit")!
        let selection = NoticeSelection.carrier("Royal Mail", from: shipped.addingTimeInterval(-86_400), until: now)
        for run in ["first run", "second run (same campaign)"] {
            let start = ProcessClock.now()
            let found = try store.noticeRecipients(selection)
            let read = ProcessClock.now()
            let plan = NoticePlanner.plan(.init(
                template: template, recipients: found, campaign: NoticeCampaign.derived(template: template.name, selection: selection),
                purpose: .order, rules: .standard, fields: [:], agentName: "Li Wei", storeName: "Bench", subject: template.title))
            let planned = ProcessClock.now()
            precondition(plan.isComplete && plan.notices.count == recipients, "the plan is not complete: \(plan.unfilled.count) unfilled")
            let summary = try store.queueNotices(plan.notices, pace: NoticeRules.standard.pace, now: now)
            let end = ProcessClock.now()
            print(String(format: "kefu notify, %@: %d recipients, %d notices queued (%d already) in %.2f s — recipients read %.2f s, filled %.2f s, queued %.2f s (%.0f notices/s)",
                         run, found.count, summary.queued, summary.alreadyQueued, end - start, read - start, planned - read, end - planned,
                         Double(max(summary.queued, 1)) / (end - planned)))
        }
    }
}
