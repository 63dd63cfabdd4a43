import Foundation
import Glibc

/// Starts a program the way every end-to-end test needs it: through `/usr/bin/env` (so a name is
/// looked up on PATH), standard input and output from and to files, `TZ=UTC` plus the given
/// environment, and the signals the test runner blocks unblocked and back to their defaults: a
/// child inherits the mask, and a tmux server or a `kefu` with SIGHUP or SIGTERM blocked would
/// outlive its test. Returns the pid; the caller waits for it.
enum TestSpawn {
    static func start(
        _ arguments: [String], input: String = "/dev/null", output: String, error: String,
        environment: [String: String] = [:]
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        for (key, value) in environment { env[key] = value }
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw E2EError("cannot start \(arguments.joined(separator: " ")): error \(spawned)") }
        return pid
    }

    /// The exit status of a `waitpid` status word: 128 + the signal when a signal ended it.
    static func exitStatus(_ status: Int32) -> Int32 {
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
