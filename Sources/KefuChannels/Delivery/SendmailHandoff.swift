import Foundation
import Glibc

/// Hands one email to a sendmail-compatible command (msmtp, sendmail) so that it is handed
/// over at most once, however the delivering process dies. A marketplace reply routed to a
/// connector command (`mail.marketplace_command`) goes the same way: its JSON line is the
/// staged file and standard input, and the command's exit 0 is the acceptance.
///
/// The handoff runs in a process of its own, in a session of its own (`kefu deliver --handoff`):
///
/// 1. The deliverer holds the exclusive lock of the spooled message file and has committed the
///    row as `sending`. It starts the handoff with that locked file as descriptor 3 (the lock
///    belongs to the open file, so the handoff holds it too) and the message as standard input.
/// 2. The handoff runs the mail command (which dies with it, see `diesWithParent`) and waits
///    for it. Only when it exits 0 does the handoff create the journal `<message-id>.sent`
///    (see `DeliverySpool.recordHandedOver`).
/// 3. The deliverer waits, then records `sent` (journal present) or `failed` with the command's
///    last words (no journal: nothing was accepted).
///
/// Killing the deliverer (Ctrl-C, kill -9, a crash) at any point leaves one of: the row still
/// `queued` (nothing started), or `sending` with a handoff that either never started, or runs
/// on and finishes (it is not in the deliverer's process group and holds the lock). The next
/// deliverer takes the lock, so it waits for such a handoff to end, and then trusts the
/// journal: present means handed over (mark sent, do not send again), absent means the command
/// never accepted the message (send it).
///
/// Several deliverers add two rules. A handoff ends by its deadline (three quarters of the
/// deliverer's lease: it is killed, with its command, by SIGALRM), so once the lease lapses and
/// another deliverer takes the reply, no handoff for it is still running. And where one
/// machine's journal is not seen on another (a PostgreSQL store, a spool per machine) the
/// handoff records `sent` in the store itself right after its journal (`recordSent`), so a
/// deliverer killed -9 after the command accepted leaves the store saying `sent`.
///
/// What this cannot close: the handoff (or its command) killed, or the machine losing power,
/// after the receiver took the message but before the journal exists. With SMTP that window is
/// real and not short: a server stores the message, then answers 250, and a client killed while
/// waiting for that answer cannot know (RFC 1047). The reply is then sent again, with the same
/// Message-ID (and, for a connector, the same idempotency key), which receiving systems use to
/// drop duplicates. We chose that over the opposite risk, a reply the customer never gets; the
/// end-to-end test that kills handoffs checks that nothing is lost and every repeat carries the
/// id of a reply. Killing only the deliverer (Ctrl-C, kill -9, a crash) never repeats a reply.
public enum SendmailHandoff {
    /// The handoff process's work (`kefu deliver --handoff`): standard input is the message.
    /// Returns the exit status for the process. `deadlineSeconds`: the process (and with it the
    /// command) is killed after that long. `recordSent` runs once the journal exists; when it
    /// fails the deliverer records `sent` from the journal instead.
    public static func run(
        spool: DeliverySpool, messageID: String, command: [String], deadlineSeconds: Int? = nil,
        recordSent: (() throws -> Void)? = nil
    ) -> Int32 {
        if let deadlineSeconds, deadlineSeconds > 0 {
            // SIGALRM's default action ends this process; setpriv's death signal ends the command.
            signal(SIGALRM, SIG_DFL)
            alarm(UInt32(deadlineSeconds))
        }
        if spool.isHandedOver(messageID) { return 0 }
        guard let program = command.first else {
            FileHandle.standardError.write(Data("no mail command given\n".utf8))
            return 64
        }
        var pid: pid_t = 0
        let argv = (diesWithParent + command).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawnp(&pid, diesWithParent.first ?? program, nil, nil, argv, environ)
        guard spawned == 0 else {
            FileHandle.standardError.write(Data("cannot run \(program): \(String(cString: strerror(spawned)))\n".utf8))
            return 69
        }
        let status = waitFor(pid)
        guard status == 0 else {
            FileHandle.standardError.write(Data("\(program) exited with status \(status)\n".utf8))
            return status
        }
        do {
            try spool.recordHandedOver(messageID, note: "handed to \(program) at \(Date().timeIntervalSince1970)\n")
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 74
        }
        // Still under the deadline: past it the lease may lapse, and the journal alone speaks.
        do {
            try recordSent?()
        } catch {
            // The journal speaks for it; the deliverer records `sent` from it.
            FileHandle.standardError.write(Data("handed over; the store was not told yet: \(error)\n".utf8))
        }
        return 0
    }

    /// The command is started through util-linux's `setpriv --pdeathsig KILL`, so that when
    /// this handoff process is killed (kill -9, the OOM killer) the command dies with it instead
    /// of finishing unrecorded: a command killed before the receiver accepted sends nothing,
    /// and the retry is then the only copy. What remains is a kill between the receiver's
    /// acceptance and the journal. Without setpriv the command is started directly.
    static let diesWithParent: [String] = access("/usr/bin/setpriv", X_OK) == 0 ? ["/usr/bin/setpriv", "--pdeathsig", "KILL", "--"] : []

    /// Starts the handoff process and waits for it; returns nil when the journal shows the
    /// message handed over, else the reason it was not (for the outbox row).
    static func launch(
        launcher: [String], environment: [String: String] = [:], spool: DeliverySpool, messageID: String,
        staged: DeliverySpool.Staged = .email, lockDescriptor: Int32, command: [String]
    ) -> String? {
        let errorPath = spool.folder + "/.err-\(getpid())-\(UUID().uuidString)"
        defer { unlink(errorPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, spool.messagePath(messageID, staged), O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, lockDescriptor, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        // A session of its own: Ctrl-C in the deliverer's terminal does not cut the handoff short.
        posix_spawnattr_setflags(&attributes, Int16(posixSpawnSetsid | POSIX_SPAWN_SETSIGMASK))
        let arguments = launcher + ["--spool", spool.folder, "--message-id", messageID, "--"] + command
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned: Int32
        if environment.isEmpty {
            spawned = posix_spawn(&pid, launcher[0], &actions, &attributes, argv, environ)
        } else {
            var merged = ProcessInfo.processInfo.environment
            merged.merge(environment) { _, given in given }
            let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { envp.forEach { free($0) } }
            spawned = posix_spawn(&pid, launcher[0], &actions, &attributes, argv, envp)
        }
        guard spawned == 0 else { return "cannot start the handoff: \(String(cString: strerror(spawned)))" }
        let status = waitFor(pid)
        if spool.isHandedOver(messageID) { return nil }
        let said = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        let lastLines = said.split(whereSeparator: \.isNewline).suffix(2).joined(separator: "; ")
        if lastLines.isEmpty && status == 128 + SIGALRM {
            return "the mail command did not finish within the handoff's deadline (three quarters of the lease); nothing recorded as handed over"
        }
        return lastLines.isEmpty ? "the mail command failed (status \(status))" : String(lastLines.prefix(300))
    }

    /// glibc's POSIX_SPAWN_SETSID (2.26+), which Swift's Glibc module does not export (it is
    /// behind _GNU_SOURCE).
    static let posixSpawnSetsid: Int32 = 0x80

    static func waitFor(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return 127 }
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
