import Foundation
import Glibc

/// Waits until mail may have landed in a Maildir, so `kefu watch maildir` scans at once when a
/// message arrives instead of on the next poll.
///
/// With inotify (Linux) it watches `new/` and `cur/` for names moved in or created (a delivery
/// agent renames from `tmp/` or links), and wakes as soon as the kernel reports one. inotify
/// sees nothing on network file systems (NFS, SMB, some FUSE mounts), so it still wakes every
/// `safetyInterval` for a full scan. Without inotify (or when asked: `--poll`) it simply waits
/// the poll interval. Either way the scan that follows lists both folders, so what inotify says
/// only decides when to look, never what is taken in: a lost or coalesced event (queue
/// overflow) costs at most one safety interval.
public final class MaildirChangeWaiter {
    public enum Mode: String, Sendable {
        case inotify
        case polling
    }

    public let mode: Mode
    /// With inotify: the longest wait between scans even without events.
    public let safetyInterval: Double
    private let descriptor: Int32

    /// `useInotify: false` or an inotify that cannot be set up (no kernel support, the
    /// per-user watch limit reached) falls back to polling.
    public init(directory: String, useInotify: Bool = true, safetyInterval: Double = 30) {
        self.safetyInterval = safetyInterval
        var descriptor: Int32 = -1
        if useInotify {
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if descriptor >= 0 {
                let events = UInt32(IN_MOVED_TO | IN_CREATE | IN_CLOSE_WRITE)
                for folder in ["new", "cur"] where inotify_add_watch(descriptor, directory + "/" + folder, events) < 0 {
                    close(descriptor)
                    descriptor = -1
                    break
                }
            }
        }
        self.descriptor = descriptor
        mode = descriptor >= 0 ? .inotify : .polling
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Returns true when the kernel reported a change, false when the wait ran out (`interval`
    /// when polling, `safetyInterval` with inotify) or `shouldStop` became true (checked every
    /// 0.1 s, so Ctrl-C is answered quickly either way).
    @discardableResult
    public func wait(interval: Double, shouldStop: () -> Bool) -> Bool {
        let limit = mode == .inotify ? max(interval, safetyInterval) : interval
        let deadline = Date().addingTimeInterval(limit)
        while !shouldStop() {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return false }
            let slice = Int32(max(1, min(left, 0.1) * 1000))
            guard descriptor >= 0 else {
                usleep(UInt32(slice) * 1000)
                continue
            }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&request, 1, slice) > 0, request.revents & Int16(POLLIN) != 0 {
                drain()
                return true
            }
        }
        return false
    }

    /// Reads all pending events (their content does not matter: the scan lists the folders).
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
