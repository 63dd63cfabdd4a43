import ArgumentParser
import Foundation
import KefuConfig
import KefuCore
import KefuResources
import KefuStore

/// Issue 17's scale curve: the same figures at each store size, one row per size, each with
/// its ratio to the SQLite floor (the bare indexed query for the first window), so growth
/// that comes from Kefu shows as a number.
///
///     swift build -c release
///     .build/release/kefu-bench scale --sizes 10k,100k,1M --data /work/scale-data
///
/// Stores are `kefu demo` stores, made once under `--data` and reused (10 messages per ticket
/// up to 100k, 2 above, as the issue measured). For each size it times, warm:
/// - the real console in tmux (120x40): launch of `kefu --db STORE` until the queue is on the
///   screen, median of `--runs`;
/// - `kefu-bench console` in a fresh process: process start to the first full screen (median
///   of `--runs`), then every key's p50/p99/max and the peak RSS (from the last run).
struct ScaleBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scale", abstract: "First screen and keys at several store sizes.")

    @Option(help: "Store sizes in tickets, comma separated (k and M allowed).")
    var sizes = "10k,100k,1M"

    @Option(help: "Where the demo stores are made and reused.")
    var data = "/work/scale-data"

    @Option(help: "Launches of each kind to take the median of.")
    var runs = 5

    @Option(help: "Presses of each key in the last console run.")
    var presses = 500

    func run() throws {
        let tools = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let kefu = tools.appendingPathComponent("kefu").path
        let bench = tools.appendingPathComponent("kefu-bench").path
        guard FileManager.default.isExecutableFile(atPath: kefu) else {
            throw ValidationError("kefu is not built beside kefu-bench (\(kefu)): run swift build -c release first")
        }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let hasTmux = Subprocess.which("tmux") != nil
        if !hasTmux { print("tmux is not installed: the console-in-tmux column is left out") }
        var table: [[String]] = [[
            "tickets", "floor", "tmux first screen", "bench first screen", "j p99/max", "k p99/max", "G p99/max",
            "Ctrl-D p99/max", "Enter p99/max", "n p99/max", "/ p99/max", "dashboard p99/max", "Ctrl-T p50/p99", "RSS",
        ]]
        for label in sizes.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let tickets = Self.parseSize(label) else { throw ValidationError("“\(label)” is not a size (10k, 100k, 1M, 250000)") }
            let store = "\(data)/demo-\(label).sqlite"
            if !FileManager.default.fileExists(atPath: store) {
                let perTicket = tickets > 100_000 ? 2 : 10
                print("Making \(store): kefu demo --tickets \(tickets) --messages-per-ticket \(perTicket) …")
                let started = ProcessClock.now()
                let made = try Subprocess.run(kefu, ["demo", "--db", store, "--tickets", "\(tickets)", "--messages-per-ticket", "\(perTicket)", "--no-console"])
                guard made.status == 0 else { throw ValidationError("kefu demo failed: \(made.output)") }
                print(String(format: "  made in %.1f s", ProcessClock.now() - started))
            }
            let floor = try Self.floor(store)
            let tmux = hasTmux ? try Self.median((0..<runs).map { _ in try TmuxLaunch.firstScreen(kefu: kefu, store: store) }) : nil
            var starts: [Double] = []
            var keys: [String: (p50: Double, p99: Double, max: Double)] = [:]
            var rss = 0.0
            for run in 0..<runs {
                let last = run == runs - 1
                let result = try Subprocess.run(bench, ["console", "--db", store, "--presses", "\(last ? presses : 1)"])
                guard result.status == 0 else { throw ValidationError("kefu-bench console failed on \(store): \(result.output)") }
                let figures = ConsoleFigures(result.output)
                if let start = figures.firstScreen { starts.append(start) }
                if last { keys = figures.keys; rss = figures.rss ?? 0 }
            }
            let start = starts.isEmpty ? nil : Self.median(starts)
            func ratio(_ ms: Double?) -> String {
                guard let ms else { return "-" }
                return String(format: "%.0f ms (%.0fx)", ms, ms / floor)
            }
            func key(_ prefix: String, _ p50: Bool = false) -> String {
                guard let figure = keys.first(where: { $0.key.hasPrefix(prefix) })?.value else { return "-" }
                return p50 ? String(format: "%.1f / %.1f", figure.p50, figure.p99) : String(format: "%.1f / %.0f", figure.p99, figure.max)
            }
            table.append([
                label, String(format: "%.2f ms", floor), ratio(tmux), ratio(start), key("j "), key("k "), key("G "), key("Ctrl-D"),
                key("Enter"), key("n "), key("/ "), key("Dashboard"), key("Ctrl-T", true), String(format: "%.0f MB", rss),
            ])
            print("  \(label): done")
        }
        print("")
        print("Key figures in ms; first screens with their ratio to the floor (the bare indexed query for the first window).")
        Self.printTable(table)
    }

    /// "10k" → 10,000; "1M" → 1,000,000; "2500" → 2,500.
    static func parseSize(_ text: String) -> Int? {
        let lower = text.lowercased()
        if lower.hasSuffix("k"), let n = Double(lower.dropLast()) { return Int(n * 1_000) }
        if lower.hasSuffix("m"), let n = Double(lower.dropLast()) { return Int(n * 1_000_000) }
        return Int(lower)
    }

    /// The bare first-window query, median of 50 warm runs, in milliseconds.
    static func floor(_ path: String) throws -> Double {
        let policy = try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: nil).deadlinePolicy()
        let store = try SQLiteTicketStore(path: path, policy: policy)
        _ = try store.bareFirstWindow(limit: 200)
        var samples: [Double] = []
        for _ in 0..<50 {
            let start = ProcessClock.now()
            _ = try store.bareFirstWindow(limit: 200)
            samples.append((ProcessClock.now() - start) * 1000)
        }
        return median(samples)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func printTable(_ rows: [[String]]) {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            print(row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: " | "))
        }
    }
}

/// The figures `kefu-bench console` prints, read back.
struct ConsoleFigures {
    var firstScreen: Double?
    var keys: [String: (p50: Double, p99: Double, max: Double)] = [:]
    var rss: Double?

    init(_ output: String) {
        for line in output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("Process start to first full screen"), let ms = Self.number(before: " ms", in: line) {
                firstScreen = ms
            } else if line.hasPrefix("Peak RSS"), let mb = Self.number(before: " MB", in: line) {
                rss = mb
            } else if let colon = line.range(of: ": p50 "),
                      let p50 = Self.number(after: "p50 ", in: line), let p99 = Self.number(after: "p99 ", in: line),
                      let max = Self.number(after: "max ", in: line) {
                keys[String(line[..<colon.lowerBound])] = (p50, p99, max)
            }
        }
    }

    static func number(after marker: String, in line: String) -> Double? {
        guard let range = line.range(of: marker) else { return nil }
        return Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." })
    }

    static func number(before marker: String, in line: String) -> Double? {
        guard let range = line.range(of: marker, options: .backwards) else { return nil }
        return Double(String(line[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == "." }.reversed()))
    }
}

/// The real console in a detached tmux session, timed from launch until the queue is drawn.
enum TmuxLaunch {
    static func firstScreen(kefu: String, store: String) throws -> Double {
        let session = "kefu-scale-\(getpid())"
        _ = try? Subprocess.run("tmux", ["kill-session", "-t", session])
        defer { _ = try? Subprocess.run("tmux", ["kill-session", "-t", session]) }
        let start = ProcessClock.now()
        let launched = try Subprocess.run("tmux", ["new-session", "-d", "-s", session, "-x", "120", "-y", "40", "\(kefu) --db \(store)"])
        guard launched.status == 0 else { throw ValidationError("tmux could not start kefu: \(launched.output)") }
        while ProcessClock.now() - start < 30 {
            let pane = try Subprocess.run("tmux", ["capture-pane", "-p", "-t", session])
            if pane.output.contains("Queue ·") && pane.output.contains("overdue") { return (ProcessClock.now() - start) * 1000 }
        }
        throw ValidationError("the console showed no queue within 30 s on \(store)")
    }
}

/// Runs a program and collects what it printed.
enum Subprocess {
    static func run(_ program: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        if program.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func which(_ program: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
