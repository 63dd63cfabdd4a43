import Foundation
import Glibc

/// SIGINT, SIGTERM and SIGHUP for long-running commands (the console, `kefu watch`, `kefu deliver
/// --watch`): the first signal asks the loop to stop at the next safe point (drafts saved, the
/// message in hand stored or handed over); the loop checks `requested` between steps and sleeps
/// in short slices.
enum StopSignal {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    static var requested: Bool { flag != 0 }

    static func install() {
        signal(SIGINT) { _ in StopSignal.flag = 1 }
        signal(SIGTERM) { _ in StopSignal.flag = 1 }
        signal(SIGHUP) { _ in StopSignal.flag = 1 }
        signal(SIGPIPE, SIG_IGN)
        // A parent may have started us with these blocked (the mask is inherited; a test
        // runner's threads block them): unblock them, or a closed terminal would leave us running.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGHUP)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    /// Sleeps up to `seconds`, waking early when a stop is requested.
    static func sleep(_ seconds: Double) {
        var left = seconds
        while left > 0, !requested {
            usleep(UInt32(min(left, 0.1) * 1_000_000))
            left -= 0.1
        }
    }
}

/// A line on standard output written at once (not held in a buffer), for commands that run
/// until stopped and whose output another program reads as it comes.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
