import Foundation
import Glibc
import KefuCore
import KefuStore

/// The rounds of `kefu-bench crash`: start the real `kefu`, kill it, finish, check.
struct CrashLoop {
    enum ImportKind { case ingest, maildir }

    struct Report {
        var line: String
        var failures: [String]
    }

    let kefu: String
    let root: String
    var generator: SeededKillDelays

    /// Runs `kefu ARGUMENTS` to its end; returns the exit status and the seconds it took.
    @discardableResult
    func runToEnd(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, seconds: Double) {
        let started = Date()
        let process = try start(arguments, environment: environment)
        process.waitUntilExit()
        return (process.terminationStatus, Date().timeIntervalSince(started))
    }

    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kefu)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // The user's own config and log must not take part.
        env["XDG_CONFIG_HOME"] = root + "/config"
        env["XDG_STATE_HOME"] = root + "/state"
        env.removeValue(forKey: "KEFU_CONFIG")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = root + "/last-stderr"
        FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: errors)
        try process.run()
        return process
    }

    var lastErrors: String {
        (try? String(contentsOfFile: root + "/last-stderr", encoding: .utf8))?.split(separator: "\n").suffix(3).joined(separator: " | ") ?? ""
    }

    /// Kills `process` after `delay` seconds; true when the kill landed (it was still running).
    func kill(_ process: Process, after delay: Double) -> Bool {
        usleep(UInt32(delay * 1_000_000))
        let landed = process.isRunning && Glibc.kill(process.processIdentifier, SIGKILL) == 0
        process.waitUntilExit()
        return landed && process.terminationReason == .uncaughtSignal
    }

    static func removeStore(_ database: String) {
        let base = String(database.dropLast(".sqlite".count))
        for path in [database, database + "-wal", database + "-shm", base + "-evidence"] {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    func counts(_ database: String) throws -> (SQLiteTicketStore.Counts, [String]) {
        let store = try SQLiteTicketStore(path: database, policy: try MailImportBenchmark.policy())
        return (try store.tableCounts(), try store.integrityCheck())
    }

    // MARK: - ingest and import maildir

    mutating func imports(kind: ImportKind, rounds: Int, messages: Int) throws -> Report {
        let input: String
        switch kind {
        case .ingest:
            input = root + "/messages.jsonl"
            try MailImportBenchmark.writeJSONLines(count: messages, to: input)
        case .maildir:
            input = root + "/maildir"
            try? FileManager.default.removeItem(atPath: input)
            try SyntheticMaildir.write(count: messages, to: input)
        }
        func arguments(_ database: String) -> [String] {
            kind == .ingest ? ["ingest", input, "--db", database] : ["import", "maildir", input, "--db", database]
        }
        let name = kind == .ingest ? "ingest" : "import maildir"
        let reference = root + "/reference.sqlite"
        Self.removeStore(reference)
        let uninterrupted = try runToEnd(arguments(reference))
        let (expected, _) = try counts(reference)
        var failures: [String] = []
        var landed = 0
        var maximumRestart = 0.0
        let database = root + "/crash.sqlite"
        for round in 0..<rounds {
            Self.removeStore(database)
            let process = try start(arguments(database))
            if kill(process, after: generator.delay(upTo: uninterrupted.seconds * 1.2)) { landed += 1 }
            let again = try runToEnd(arguments(database))
            maximumRestart = max(maximumRestart, again.seconds)
            if again.status != uninterrupted.status {
                failures.append("round \(round): the run after the kill exited \(again.status), an uninterrupted one \(uninterrupted.status): \(lastErrors)")
            }
            let (found, integrity) = try counts(database)
            if found != expected { failures.append("round \(round): \(found); uninterrupted: \(expected)") }
            if integrity != ["ok"] { failures.append("round \(round): integrity_check \(integrity.prefix(3))") }
        }
        let line = String(format: "%@: %d rounds, %d kills landed mid-run (the rest after it had finished); every round %@ (%@); integrity ok %@; uninterrupted run %.2f s, slowest restart %.2f s",
                          name, rounds, landed, failures.isEmpty ? "the same as uninterrupted" : "CHECKED WITH FAILURES", expected.description,
                          failures.contains { $0.contains("integrity") } ? "NO" : "yes", uninterrupted.seconds, maximumRestart)
        return Report(line: line, failures: failures)
    }
}
