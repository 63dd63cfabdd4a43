import Foundation
import Glibc

/// A program started with posix_spawn that runs while the test goes on (a `kefu watch`, an
/// SMTP server, a delivery to kill): output to files, signals by pid, reaped with waitpid.
final class BackgroundProcess {
    let pid: pid_t
    let outputPath: String
    let errorPath: String
    private var exitStatus: Int32?

    init(_ arguments: [String], environment: [String: String] = [:], folder: String) throws {
        let tag = UUID().uuidString.prefix(8)
        outputPath = folder + "/bg-\(tag).out"
        errorPath = folder + "/bg-\(tag).err"
        pid = try TestSpawn.start(arguments, output: outputPath, error: errorPath, environment: environment)
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    var errorOutput: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the program to end (up to `timeout`), returning its exit status (128+signal
    /// when a signal ended it), or nil when it is still running.
    @discardableResult
    func wait(timeout: TimeInterval = 15) -> Int32? {
        if let exitStatus { return exitStatus }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let code = TestSpawn.exitStatus(status)
                exitStatus = code
                return code
            }
            usleep(10_000)
        }
        return nil
    }

    /// Polls `condition` until it holds or `timeout` passes.
    static func waitUntil(_ description: String, timeout: TimeInterval = 15, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(20_000)
        }
        throw E2EError("timed out waiting for \(description)")
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }
}
