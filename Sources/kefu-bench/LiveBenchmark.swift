import ArgumentParser
import Foundation
import KefuScratchPostgres

/// Issue 14's "live across machines" figure: a reply sent by another process (`kefu reply
/// --send`, as a teammate's machine would) appears in a running console's thread (the real
/// `kefu` in tmux, 200x50) within how long, p50/p99/max over `--rounds`.
///
/// Timed from the moment the writer's command returned (its transaction committed just
/// before) until tmux's screen shows the reply's text; also from the writer's start (which
/// adds the writer's own process start and connection). The screen is read with
/// `tmux capture-pane` about every 5 ms, so figures carry that much granularity.
///
///     swift build -c release && .build/release/kefu-bench live [--db postgres://…/empty_db] [--rounds 100]
///
/// Without `--db` a scratch PostgreSQL server is started on loopback for the run.
struct LiveBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "live", abstract: "How soon another machine's reply shows in a console (PostgreSQL).")

    @Option(help: "An empty Kefu database (postgres://…); default: a scratch server on loopback.")
    var db: String?

    @Option(help: "How many replies to time.")
    var rounds = 100

    func run() throws {
        let kefu = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kefu").path
        guard FileManager.default.isExecutableFile(atPath: kefu) else {
            throw ValidationError("kefu is not built beside kefu-bench (\(kefu)): run swift build -c release first")
        }
        guard Subprocess.which("tmux") != nil else { throw ValidationError("tmux is not installed (apt-get install tmux)") }
        let url = try db ?? ScratchPostgresServer.shared().newDatabaseURL()
        let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-600))
        let line = #"{"id":"live-1","conversation":"live-1","channel":"marketplace","marketplace":"amazon","direction":"in","from":"Ann Lee <ann@example.com>","to":"shop@example.com","at":"\#(at)","subject":"Where is my parcel?","body":"Hello, where is my parcel?","language":"en"}"#
        let ingested = try Subprocess.run(kefu, ["ingest", "--db", url, "-"], input: line + "\n")
        guard ingested.status == 0 else { throw ValidationError("kefu ingest failed: \(ingested.output)") }
        let queue = try Subprocess.run(kefu, ["queue", "--json", "--db", url])
        guard let rows = try JSONSerialization.jsonObject(with: Data(queue.output.utf8)) as? [[String: Any]],
              let id = rows.first?["id"] as? Int else { throw ValidationError("kefu queue listed no ticket: \(queue.output)") }

        let session = "kefu-live-\(getpid())"
        _ = try? Subprocess.run("tmux", ["kill-session", "-t", session])
        defer { _ = try? Subprocess.run("tmux", ["kill-session", "-t", session]) }
        let launched = try Subprocess.run("tmux", [
            "new-session", "-d", "-s", session, "-x", "200", "-y", "50", "/usr/bin/env", "KEFU_AGENT=Reader", "TERM=xterm-256color",
            "LANG=C.UTF-8", kefu, "--db", url,
        ])
        guard launched.status == 0 else { throw ValidationError("tmux could not start kefu: \(launched.output)") }
        func screen() throws -> String { try Subprocess.run("tmux", ["capture-pane", "-p", "-t", session]).output }
        func wait(for text: String, timeout: Double = 10) throws -> Double? {
            let start = ProcessClock.now()
            while ProcessClock.now() - start < timeout {
                if try screen().contains(text) { return ProcessClock.now() }
                usleep(5_000)
            }
            return nil
        }
        guard try wait(for: "Where is my parcel?") != nil else { throw ValidationError("the console showed no queue: \(try screen())") }
        _ = try Subprocess.run("tmux", ["send-keys", "-t", session, "Enter"])
        guard try wait(for: "Hello, where is my parcel?") != nil else { throw ValidationError("the thread did not open: \(try screen())") }

        var fromReturn: [Double] = [], fromStart: [Double] = []
        let token = String(UUID().uuidString.prefix(6))
        for round in 0..<rounds {
            let mark = "ref \(token)-\(round)."
            let body = "Hello Ann, thank you for waiting. Your parcel is on its way, \(mark) Best regards"
            let started = ProcessClock.now()
            let sent = try Subprocess.run(kefu, ["reply", "\(id)", "--db", url, "--body-file", "-", "--send"], input: body,
                                          environment: ["KEFU_AGENT": "Writer"])
            let returned = ProcessClock.now()
            guard sent.status == 0 else { throw ValidationError("kefu reply failed in round \(round): \(sent.output)") }
            guard let seen = try wait(for: mark) else {
                throw ValidationError("round \(round): the reply did not show within 10 s; the screen was:\n\(try screen())")
            }
            fromReturn.append(seen - returned)
            fromStart.append(seen - started)
        }
        _ = try Subprocess.run("tmux", ["send-keys", "-t", session, "q"])
        func figures(_ label: String, _ samples: [Double]) -> String {
            let sorted = samples.sorted()
            let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
            return String(format: "%@: p50 %.0f ms, p99 %.0f ms, max %.0f ms", label, sorted[sorted.count / 2] * 1000, p99 * 1000, sorted.last! * 1000)
        }
        print("Another process's reply in a console's thread (PostgreSQL, \(rounds) replies, kefu in tmux 200x50):")
        print("  " + figures("after the writer's command returned", fromReturn))
        print("  " + figures("after the writer's command started ", fromStart))
        print("  within 1 s: \(fromReturn.filter { $0 <= 1 }.count) of \(rounds)")
    }
}
