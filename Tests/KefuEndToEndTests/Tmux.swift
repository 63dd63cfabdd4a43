import Foundation
import Glibc

/// A detached tmux server of its own (one socket per test) running the real `kefu` binary in a
/// terminal of fixed size. Tests press keys and poll the screen until the expected text shows:
/// no fixed sleeps. 200 columns unless a test asks otherwise: wide enough that the thread and
/// the composer beside the queue show a reply's lines whole (layout tests give their sizes).
final class Tmux {
    let socket = "kefu-e2e-\(UUID().uuidString.prefix(8))"

    init(command: [String], rows: Int = 40, cols: Int = 200, environment: [String: String] = [:], remainOnExit: Bool = false) throws {
        var env = ["TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC", "KEFU_AGENT=Li Wei"]
        env += environment.map { "\($0.key)=\($0.value)" }
        // Given as separate words, tmux runs the program itself, not through a shell, so the
        // pane's process id is kefu's (env execs it).
        try run(["new-session", "-d", "-s", "main", "-x", "\(cols)", "-y", "\(rows)", "/usr/bin/env", "-u", "LINES", "-u", "COLUMNS", "-u", "NO_COLOR"] + env + command)
        if remainOnExit { try run(["set-window-option", "-t", "main", "remain-on-exit", "on"]) }
        // deinit ends the server; should the test process die first (killed, or a closed pipe),
        // this watcher ends it, so no console is left running after the tests.
        Shell.detach(["/bin/sh", "-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 2; done; tmux -L \(socket) -f /dev/null kill-server"])
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        try Shell.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments).output
    }

    func screen() -> String {
        (try? run(["capture-pane", "-p", "-t", "main"])) ?? ""
    }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    func screenWithAttributes() -> String {
        (try? run(["capture-pane", "-p", "-e", "-t", "main"])) ?? ""
    }

    /// Sends keys as tmux names them (`j`, `Enter`, `C-t`, `Escape`).
    func press(_ keys: String...) throws {
        for key in keys { try run(["send-keys", "-t", "main", key]) }
    }

    /// Types literal text.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", "main", "-l", text])
    }

    func resize(cols: Int, rows: Int) throws {
        try run(["resize-window", "-t", "main", "-x", "\(cols)", "-y", "\(rows)"])
    }

    /// The process id of the program in the pane.
    func panePID() throws -> Int32 {
        Int32(try run(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// True once the program in the pane has ended (with remain-on-exit set).
    func paneIsDead() -> Bool {
        ((try? run(["display-message", "-p", "-t", "main", "#{pane_dead}"])) ?? "").hasPrefix("1")
    }

    func paneTitle() throws -> String {
        try run(["display-message", "-p", "-t", "main", "#{pane_title}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `predicate` holds; fails with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ description: String, timeout: TimeInterval = 15, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if predicate(last) { return last }
            usleep(40_000)
        }
        throw E2EError("timed out waiting for \(description); the screen was:\n\(last)")
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 15) throws -> String {
        try waitFor("“\(text)”", timeout: timeout) { $0.contains(text) }
    }
}

struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs programs and collects what they print.
///
/// Uses posix_spawn and waitpid rather than Foundation's Process: `tmux new-session` leaves a
/// server running, and Process waits until every inheritor of its private descriptors is gone,
/// so it would wait for the tmux server to end. Output goes to files for the same reason.
enum Shell {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Starts a program in a session of its own and does not wait for it.
    static func detach(_ arguments: [String]) {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        // 0x80 is glibc's POSIX_SPAWN_SETSID, which Swift does not import.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | 0x80))
        // Not the test's output: whoever reads it (swift test) would wait for the watcher too.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nor any other descriptor the test process holds open (the runner's own pipes).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        _ = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
    }

    @discardableResult
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:], check: Bool = true) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inPath = folder.appendingPathComponent("in").path
        let outPath = folder.appendingPathComponent("out").path
        let errPath = folder.appendingPathComponent("err").path
        try Data((input ?? "").utf8).write(to: URL(fileURLWithPath: inPath))

        let pid = try TestSpawn.start(arguments, input: inPath, output: outPath, error: errPath, environment: environment)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = TestSpawn.exitStatus(status)
        let result = Result(
            status: exitStatus, output: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            error: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
        if check && result.status != 0 {
            throw E2EError("\(arguments.joined(separator: " ")) exited \(result.status): \(result.error)")
        }
        return result
    }
}

/// Where the built `kefu` is: `$KEFU_BINARY`, else next to this test bundle in .build.
enum KefuBinary {
    static var path: String {
        if let path = ProcessInfo.processInfo.environment["KEFU_BINARY"] { return path }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("kefu").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/kefu").path
    }

    @discardableResult
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:], check: Bool = true) throws -> Shell.Result {
        try Shell.run([path] + arguments, input: input, environment: environment, check: check)
    }
}

/// A temporary folder for one test's stores and files.
final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}
