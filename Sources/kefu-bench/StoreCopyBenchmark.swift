import ArgumentParser
import Foundation
import KefuConfig
import KefuCore
import KefuPostgres
import KefuResources
import KefuStore

/// Issue 14 item 2: how long `kefu store copy` takes to move a store. Makes a `kefu demo` store
/// of `--tickets` (kept under `--data`), then copies it in this process through `StoreCopier`
/// (SQLite → SQLite, and SQLite → PostgreSQL and back with `--postgres URL` of an empty
/// database), printing rows, seconds and rows per second for each.
///
///     swift build -c release
///     .build/release/kefu-bench copy --tickets 20000 --postgres postgres://kefu@127.0.0.1:5432/kefu_copy
struct StoreCopyBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "copy", abstract: "Copy a demo store between backends, timed.")

    @Option(help: "Tickets in the demo store.") var tickets = 20_000
    @Option(help: "Where the demo store is made and reused, and the copies written.") var data = "/tmp/kefu-copy-bench"
    @Option(help: "An empty PostgreSQL database to copy into (and back from); leave out for SQLite only.") var postgres: String?
    @Option(help: "Rows per transaction.") var batch = 500

    func run() throws {
        let tools = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let kefu = tools.appendingPathComponent("kefu").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let source = "\(data)/demo-\(tickets).sqlite"
        if !FileManager.default.fileExists(atPath: source) {
            print("Making \(source): kefu demo --tickets \(tickets) …")
            let made = try Subprocess.run(kefu, ["demo", "--db", source, "--tickets", "\(tickets)", "--no-console"])
            guard made.status == 0 else { throw ValidationError("kefu demo failed: \(made.output)") }
        }
        let policy = try Self.policy()
        let from = try SQLiteTicketStore(path: source, policy: policy)
        var rows: [[String]] = [["copy", "rows", "seconds", "rows/s"]]
        func timed(_ name: String, _ copier: StoreCopier) throws {
            let started = ProcessClock.now()
            let counts = try copier.run()
            let seconds = ProcessClock.now() - started
            let total = counts.reduce(0) { $0 + $1.source }
            rows.append([name, "\(total)", String(format: "%.2f", seconds), String(format: "%.0f", Double(total) / seconds)])
        }
        let copy = "\(data)/copy-\(UUID().uuidString.prefix(8)).sqlite"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try timed("SQLite → SQLite", StoreCopier(from: from, to: try SQLiteTicketStore(path: copy, policy: policy),
                                                 source: source, target: copy, batchSize: batch))
        if let postgres {
            let location = try StoreLocation(parsing: postgres)
            guard case .postgres(let address) = location else { throw ValidationError("--postgres takes a postgres:// URL") }
            let server = try PostgresTicketStore(address: address, policy: policy)
            try timed("SQLite → PostgreSQL", StoreCopier(from: from, to: server, source: source, target: address.description, batchSize: batch))
            let home = "\(data)/home-\(UUID().uuidString.prefix(8)).sqlite"
            defer { try? FileManager.default.removeItem(atPath: home) }
            try timed("PostgreSQL → SQLite", StoreCopier(from: server, to: try SQLiteTicketStore(path: home, policy: policy),
                                                         source: address.description, target: home, batchSize: batch))
        }
        print("Store copy of a \(tickets)-ticket demo store, \(batch) rows per transaction:")
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            print(row.enumerated().map { $0.element.padding(toLength: widths[$0.offset] + 2, withPad: " ", startingAt: 0) }.joined())
        }
    }

    /// The shipped deadline policy (the copy moves rows as they are; the policy only opens the stores).
    static func policy() throws -> any DeadlinePolicy {
        try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: nil).deadlinePolicy()
    }
}
