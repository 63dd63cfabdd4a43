import ArgumentParser
import Foundation
import KefuChannels
import KefuCore
import KefuMail
import KefuStore

/// Issue 19's crash loops: the real `kefu` killed with SIGKILL at random points, again and
/// again, then checked. Each round starts the command on a store, kills it after a random delay
/// (up to a little past the time an uninterrupted run took), runs it again to the end, and
/// checks what a user relies on:
///
/// - `ingest` / `maildir`: every message exactly once (the same messages, tickets and
///   quarantine as an uninterrupted import of the same input), `PRAGMA integrity_check` ok;
/// - `deliver` (msmtp to an aiosmtpd server on loopback): every acknowledged reply `sent` and
///   received exactly once by the server, counted by Message-ID. Half the rounds kill only
///   `kefu deliver` (never a repeat, README says); the other half also kill the handoff
///   processes, README's one documented window, where a repeat is allowed and counted.
///
///     swift run -c release kefu-bench crash --count 100
///
/// The test suite runs the same code with `--count 10` (CrashLoopTests).
struct CrashBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash",
        abstract: "Kill kefu ingest, import maildir and deliver at random points; check every message and reply exactly once."
    )

    @Option(help: "Kills per scenario.")
    var count = 100

    @Option(help: "Scenarios, comma-separated: ingest, maildir, deliver.")
    var only = "ingest,maildir,deliver"

    @Option(help: "Messages per import round.")
    var messages = 2000

    @Option(help: "The kefu executable (default: the one beside kefu-bench).")
    var kefu: String?

    @Option(help: "Seed for the kill delays (default: from the clock; printed).")
    var seed: UInt64?

    func run() throws {
        let binary = kefu ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("kefu").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw ValidationError("no kefu executable at \(binary) (give --kefu)") }
        let seed = seed ?? UInt64(Date().timeIntervalSince1970)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-crash-\(getpid())").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var loop = CrashLoop(kefu: binary, root: root, generator: SeededKillDelays(seed: seed))
        print("crash loops: \(count) kills per scenario, seed \(seed), kefu \(binary)")
        var failures: [String] = []
        for scenario in only.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let report: CrashLoop.Report
            switch scenario {
            case "ingest": report = try loop.imports(kind: .ingest, rounds: count, messages: messages)
            case "maildir": report = try loop.imports(kind: .maildir, rounds: count, messages: messages / 4)
            case "deliver": report = try loop.deliver(rounds: count)
            default: throw ValidationError("unknown scenario '\(scenario)' (ingest, maildir, deliver)")
            }
            print(report.line)
            failures += report.failures.map { "\(scenario): \($0)" }
        }
        for failure in failures.prefix(20) { print("FAILED \(failure)") }
        if !failures.isEmpty { throw ExitCode.failure }
        print("crash loops: every check held")
    }
}

/// A seeded source of delays, so a failing loop can be run again with its seed.
struct SeededKillDelays {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A delay in `0...limit` seconds.
    mutating func delay(upTo limit: Double) -> Double {
        Double(next() % 1_000_000) / 1_000_000 * limit
    }
}
