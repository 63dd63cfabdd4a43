import ArgumentParser
import Foundation
import KefuChannels
import KefuConfig
import KefuCore
import KefuMail
import KefuResources
import KefuStore

/// Issue 6's import figures, end to end into a real SQLite store (WAL, synchronous=FULL):
/// a Maildir through `MailboxImporter` (parse, thread, attachments into the evidence store,
/// quarantine, batched transactions) and JSON Lines through the `kefu ingest` path. Each runs at
/// two mailbox sizes, smaller first, printing peak RSS after each: flat memory means the second
/// peak is close to the first although the mailbox is four times larger.
///
///     swift run -c release kefu-bench import --count 100000
struct MailImportBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time importing a synthetic Maildir (target > 5,000 msg/s) and JSON Lines (target > 50,000 msg/s) into a store."
    )

    @Option(help: "Messages in the large run (the small run imports a quarter).")
    var count = 100_000

    @Option(help: "Threads that parse mail (default: the cores).")
    var workers: Int?

    @Option(help: "Which imports: maildir, jsonl or both.")
    var only: String = "both"

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-import-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let policy = try Self.policy()
        for size in [count / 4, count] {
            if only != "jsonl" { try maildir(size: size, root: root, policy: policy) }
            if only != "maildir" { try jsonLines(size: size, root: root, policy: policy) }
        }
    }

    static func policy() throws -> any DeadlinePolicy {
        // The shipped SLA engine, as `kefu` runs it.
        try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: nil).deadlinePolicy()
    }

    func maildir(size: Int, root: String, policy: any DeadlinePolicy) throws {
        let folder = root + "/maildir-\(size)"
        try SyntheticMaildir.write(count: size, to: folder)
        let database = root + "/maildir-\(size).sqlite"
        let store = try SQLiteTicketStore(path: database, policy: policy)
        let evidence = try EvidenceStore(folder: URL(fileURLWithPath: root + "/evidence-\(size)"))
        let importer = MailboxImporter(store: store, evidence: evidence, source: "maildir")
        if let workers { importer.workers = workers }
        let start = ContinuousClock.now
        let cpuStart = Self.processCPUSeconds()
        let summary = try importer.run(try MaildirReader(directory: folder))
        let seconds = Self.seconds(ContinuousClock.now - start)
        let cpu = Self.processCPUSeconds() - cpuStart
        emit(String(format: "maildir %7d messages: %6.2f s wall, %7.0f msg/s (target > 5000); CPU %.2f s (all threads) = %.0f msg per CPU-second; %d stored, %d conversations, %d quarantined, %d attachment links; peak RSS %d kB",
                     size, seconds, Double(summary.read) / seconds, cpu, Double(summary.read) / cpu, summary.stored.added, summary.stored.newTickets,
                     summary.broken, summary.stored.attachments, MemoryStatus.kilobytes("VmHWM")))
        try? FileManager.default.removeItem(atPath: folder)
    }

    func jsonLines(size: Int, root: String, policy: any DeadlinePolicy) throws {
        let file = root + "/messages-\(size).jsonl"
        try Self.writeJSONLines(count: size, to: file)
        let store = try SQLiteTicketStore(path: root + "/jsonl-\(size).sqlite", policy: policy)
        let start = ContinuousClock.now
        let cpuStart = Self.processCPUSeconds()
        guard let handle = FileHandle(forReadingAtPath: file) else { throw ValidationError("cannot read \(file)") }
        defer { try? handle.close() }
        let result = try JSONLinesImporter(store: store, source: file).run(handle)
        let summary = result.stored, invalid = result.invalid, lineNumber = result.lines
        let seconds = Self.seconds(ContinuousClock.now - start)
        let cpu = Self.processCPUSeconds() - cpuStart
        emit(String(format: "jsonl   %7d messages: %6.2f s wall, %7.0f msg/s (target > 50000); CPU %.2f s = %.0f msg per CPU-second; %d stored, %d conversations, %d invalid; peak RSS %d kB",
                     size, seconds, Double(lineNumber) / seconds, cpu, Double(lineNumber) / cpu, summary.added, summary.newTickets, invalid,
                     MemoryStatus.kilobytes("VmHWM")))
    }

    /// Messages like a marketplace connector writes them: conversations of about four messages.
    static func writeJSONLines(count: Int, to path: String) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var chunk = ""
        let markets = ["amazon", "ebay", "aliexpress", "walmart", "etsy", "shopee", "shopify"]
        for number in 0..<count {
            let conversation = number / 4
            let market = markets[conversation % markets.count]
            let minute = number % 60, hour = (number / 60) % 24
            chunk += "{\"id\":\"j-\(number)\",\"conversation\":\"c-\(conversation)\",\"channel\":\"marketplace\",\"marketplace\":\"\(market)\",\"direction\":\"in\",\"from\":\"Buyer \(conversation) <buyer\(conversation)@example.com>\",\"to\":\"shop@example.com\",\"at\":\"2026-11-2\(number % 3)T\(String(format: "%02d:%02d", hour, minute)):00Z\",\"subject\":\"Order \(conversation) question\",\"body\":\"Hello, where is my order \(conversation)? It has not arrived yet. Message \(number).\",\"order\":\"114-\(String(format: "%07d", conversation % 10_000_000))-1234567\",\"language\":\"en\"}\n"
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
    }

    /// A line written at once, so figures show while the next run goes on (even into a file).
    func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// CPU time of the whole process (user + system, all threads): on a machine shared with
    /// other builds, wall-clock rates understate what the code does; both are printed.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
