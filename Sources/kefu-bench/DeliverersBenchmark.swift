import ArgumentParser
import Foundation
import Glibc
import KefuCore
import KefuPostgres
import KefuStore

/// Issue 14's outbox figure: several real `kefu deliver --watch` processes share one outbox
/// (a SQLite file, or a PostgreSQL database with `--db URL`) and hand 1,000 queued replies to
/// msmtp and a real SMTP server on loopback (aiosmtpd). Prints what the server received,
/// duplicates and missing replies by Message-ID, and replies per second from the deliverers'
/// start to the last reply received.
///
///     swift run -c release kefu-bench deliverers --processes 3 --replies 1000
///     swift run -c release kefu-bench deliverers --processes 3 --replies 1000 --db postgres://kefu@127.0.0.1:5432/bench
///
/// A PostgreSQL database must be empty (or Kefu's, without replies): the figure counts every
/// reply the outbox holds.
struct DeliverersBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliverers",
        abstract: "N kefu deliver --watch on one outbox, a real SMTP sink: received, duplicates, missing, replies/s.")

    @Option(help: "How many kefu deliver --watch processes.")
    var processes = 3

    @Option(help: "How many replies to queue.")
    var replies = 1000

    @Option(help: "The store: a PostgreSQL URL (an empty database); default a new SQLite file.")
    var db: String?

    @Option(help: "The kefu executable (default: the one beside kefu-bench).")
    var kefu: String?

    @Option(help: "Seconds to wait for every reply before giving up.")
    var timeout: Double = 900

    func run() throws {
        let binary = kefu ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("kefu").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw ValidationError("no kefu executable at \(binary) (give --kefu)") }
        guard processes >= 1, replies >= 1 else { throw ValidationError("--processes and --replies must be at least 1") }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-deliverers-\(getpid())").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loop = CrashLoop(kefu: binary, root: root, generator: SeededKillDelays(seed: 1))

        let mail = try LoopbackMailServer(folder: root) { ValidationError($0) }
        defer { mail.stop() }
        let msmtprc = mail.msmtprc
        let config = root + "/kefu.yaml"
        try """
            mail:
              from: "Shop Team <support@shop.example>"
              sendmail: [msmtp, -C, "\(msmtprc)", -t, -i]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let location = db ?? root + "/k.sqlite"
        let environment = ["KEFU_CONFIG": config, "XDG_DATA_HOME": root + "/data"]
        try SyntheticMaildir.write(count: 40, to: root + "/maildir")
        // Status 1 is expected: one synthetic sender is broken on purpose and quarantined.
        let imported = try loop.runToEnd(["import", "maildir", root + "/maildir", "--db", location], environment: environment)
        guard imported.status <= 1 else { throw ValidationError("kefu import maildir failed: \(loop.lastErrors)") }

        let store = try Self.open(location)
        let tickets = try store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 1000)
            .filter { $0.customerAddress.contains("@") }.map(\.id)
        guard !tickets.isEmpty else { throw ValidationError("the synthetic mailbox gave no tickets") }
        let before = try store.outboxEntries().count
        guard before == 0 else { throw ValidationError("the store's outbox already holds \(before) replies; give an empty database") }
        for index in 0..<replies {
            _ = try store.send(ReplyRequest(ticketID: tickets[index % tickets.count], body: "Reply \(index): your parcel left today.",
                                            author: "Li Wei", idempotencyKey: "bench-\(index)"), now: Date())
        }
        let expected = Set(try store.outboxEntries().map(\.mailMessageID))
        print("deliverers: \(processes) kefu deliver --watch, \(replies) replies queued on \(db == nil ? "SQLite" : "PostgreSQL"), msmtp to aiosmtpd on loopback")

        let started = Date()
        let deliverers = try (0..<processes).map { _ in
            try loop.start(["deliver", "--watch", "--interval", "0.2", "--db", location], environment: environment)
        }
        var lastArrival = started
        var seen = 0
        while Date().timeIntervalSince(started) < timeout {
            let count = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/received/new")) ?? []).count
            if count != seen {
                seen = count
                lastArrival = Date()
            }
            if count >= replies, try store.outboxEntries(states: [.queued, .sending, .failed]).isEmpty { break }
            usleep(50_000)
        }
        let seconds = lastArrival.timeIntervalSince(started)
        for process in deliverers where process.isRunning { Glibc.kill(process.processIdentifier, SIGINT) }
        for process in deliverers { process.waitUntilExit() }
        // Late repeats would arrive after the last pass; give the server a moment.
        usleep(500_000)

        let received = CrashLoop.received(root + "/received")
        let total = received.values.reduce(0, +)
        let duplicates = received.values.reduce(0) { $0 + max(0, $1 - 1) }
        let missing = expected.subtracting(received.keys).count
        let strangers = Set(received.keys).subtracting(expected).count
        let unsent = try store.outboxEntries(states: [.queued, .sending, .failed]).count
        print(String(format: "received %d, duplicates %d (by Message-ID), missing %d, not Kefu's %d, unsent in the store %d; %.1f replies/s (%.1f s to the last reply)",
                     total, duplicates, missing, strangers, unsent, Double(total - duplicates) / max(seconds, 0.001), seconds))
        if duplicates > 0 || missing > 0 || strangers > 0 { throw ExitCode.failure }
    }

    /// The store the deliverers use, opened here to queue replies and read the outbox.
    static func open(_ location: String) throws -> any TicketStore & OutboxStore {
        switch try StoreLocation(parsing: location) {
        case .sqlite(let path): return try SQLiteTicketStore(path: path, policy: try MailImportBenchmark.policy())
        case .postgres(let address): return try PostgresTicketStore(address: address, policy: try MailImportBenchmark.policy())
        }
    }
}
