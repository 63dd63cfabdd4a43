import Foundation
import KefuStore
import KefuTestSupport
import Testing

/// Another process holds the store's write lock (a real second process: python3's sqlite3
/// module in `BEGIN IMMEDIATE`, since the sqlite3 CLI may be missing): a writing kefu says once
/// that it waits, goes on when the lock is let go, and gives up after its timeout with an error
/// naming the file; nothing half-written is left.
@Suite("Locked store", .serialized)
struct LockedStoreTests {
    /// Holds the write lock of `db` for `seconds`, then lets go; prints `locked` once it holds it.
    /// `committedFirst`: it commits a write before, as a kefu that has been working does (its
    /// `-wal` then holds pages); without, a kefu opening the store meets the lock at once
    /// (GRDB writes while opening a pool whose `-wal` is empty).
    static func holdLock(_ db: String, seconds: Double, folder: String, committedFirst: Bool = true) throws -> BackgroundProcess {
        let script = """
            import sqlite3, sys, time
            connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
            if sys.argv[3] == "1":
                connection.execute("INSERT INTO meta (key, value) VALUES ('lock-test-before', 'x') ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO meta (key, value) VALUES ('lock-test', 'held') ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            print("locked", flush=True)
            time.sleep(float(sys.argv[2]))
            connection.execute("ROLLBACK")
            print("released", flush=True)
            """
        let holder = try BackgroundProcess(["/usr/bin/env", "python3", "-c", script, db, String(seconds), committedFirst ? "1" : "0"], folder: folder)
        try BackgroundProcess.waitUntil("python3 to take the write lock") {
            if holder.errorOutput.contains("Error") { throw E2EError("python3: \(holder.errorOutput)") }
            return holder.output.contains("locked")
        }
        return holder
    }

    static func store(_ scratch: Scratch) throws -> String {
        let db = scratch.path("k.sqlite")
        try KefuBinary.run(["ingest", "--db", db, "-"],
                           input: StoreSharingTests.line(id: "a1", conversation: "c1", minutesAgo: 30, from: "Anna <anna@example.de>", subject: "Paket", body: "Hallo") + "\n")
        return db
    }

    static let next = StoreSharingTests.line(id: "b1", conversation: "c2", minutesAgo: 10, from: "Lin <lin@example.cn>", subject: "退货", body: "你好") + "\n"

    @Test("A writer waits for a lock held 3 s, says so once on stderr, and then writes")
    func waitsThenWrites() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        let holder = try Self.holdLock(db, seconds: 3, folder: scratch.url.path)
        let started = Date()
        let ingest = try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.next, environment: ["KEFU_LOCK_TIMEOUT": "20"], check: false)
        let waited = Date().timeIntervalSince(started)
        #expect(ingest.status == 0, "\(ingest.error)")
        #expect(ingest.output.contains("Ingested 1 message (1 new conversation)"), "\(ingest.output)")
        let notice = "kefu: waiting for the store at \(db): another kefu is writing (giving up after 20 s)…"
        #expect(ingest.error.components(separatedBy: notice).count == 2, "said once: \(ingest.error)")
        #expect(waited > 1.5, "it waited (\(waited) s)")
        #expect(holder.wait() == 0)
        #expect(holder.output.contains("released"))
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.counts().messages == 2)
    }

    @Test("A lock held past KEFU_LOCK_TIMEOUT: the writer gives up after it, naming the file, and stored nothing")
    func givesUp() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        // A fresh holder: the wait is at opening (the next test waits at the write).
        let holder = try Self.holdLock(db, seconds: 60, folder: scratch.url.path, committedFirst: false)
        let started = Date()
        let ingest = try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.next, environment: ["KEFU_LOCK_TIMEOUT": "2"], check: false)
        let waited = Date().timeIntervalSince(started)
        #expect(ingest.status == 1)
        #expect(ingest.error.contains("the store at \(db) is locked: another kefu process has been writing to it for 2 s"), "\(ingest.error)")
        #expect(ingest.error.contains("KEFU_LOCK_TIMEOUT"), "\(ingest.error)")
        #expect(ingest.error.components(separatedBy: "waiting for the store at \(db)").count == 2, "said once: \(ingest.error)")
        #expect(waited >= 2 && waited < 10, "gave up after the timeout, not at once nor never (\(waited) s)")
        holder.signal(SIGKILL)
        holder.wait()
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.counts().messages == 1)
        #expect(try store.meta("lock-test") == nil, "the holder's uncommitted row is gone")
    }

    @Test("store.lock_timeout in kefu.yaml sets the wait; a bad KEFU_LOCK_TIMEOUT is refused by name")
    func configured() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        let config = scratch.path("kefu.yaml")
        try "store:\n  lock_timeout: 1s\n".write(toFile: config, atomically: true, encoding: .utf8)
        let holder = try Self.holdLock(db, seconds: 60, folder: scratch.url.path)
        let started = Date()
        let ingest = try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.next, environment: ["KEFU_CONFIG": config], check: false)
        let waited = Date().timeIntervalSince(started)
        #expect(ingest.status == 1)
        #expect(ingest.error.contains("the store at \(db) is locked: another kefu process has been writing to it for 1 s"), "\(ingest.error)")
        #expect(waited >= 1 && waited < 8, "\(waited) s")
        holder.signal(SIGKILL)
        holder.wait()

        let bad = try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.next, environment: ["KEFU_LOCK_TIMEOUT": "soon"], check: false)
        #expect(bad.status != 0)
        #expect(bad.error.contains("KEFU_LOCK_TIMEOUT: \"soon\" is not a wait like 30s"), "\(bad.error)")
    }

    @Test("Readers are not stopped by a writer's lock: kefu queue prints at once while it is held")
    func readersGoOn() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        let holder = try Self.holdLock(db, seconds: 60, folder: scratch.url.path)
        let started = Date()
        let queue = try KefuBinary.run(["queue", "--db", db], environment: ["KEFU_LOCK_TIMEOUT": "20"], check: false)
        #expect(queue.status == 0, "\(queue.error)")
        #expect(queue.output.contains("Anna"), "\(queue.output)")
        #expect(!queue.error.contains("waiting for the store"), "\(queue.error)")
        #expect(Date().timeIntervalSince(started) < 5)
        holder.signal(SIGKILL)
        holder.wait()
    }

    @Test("The console on a locked store: Ctrl-S says it waits for another program, then that the store is locked and nothing was sent (the reply stays); once the lock is let go Ctrl-S sends it once")
    func console() throws {
        let scratch = try Scratch()
        let db = try Self.store(scratch)
        let tmux = try Tmux(command: [KefuBinary.path, "--db", db], rows: 30, cols: 220, environment: ["KEFU_LOCK_TIMEOUT": "4"])
        try tmux.waitFor(text: "Anna")
        try tmux.press("r")
        try tmux.waitFor(text: "Reply to Anna")
        try tmux.type("Guten Tag Anna, Ihr Paket ist unterwegs: DHL 00340434161094042557. Danke!")
        // Typing pauses: the draft goes to the store a second later, before the lock is taken.
        try tmux.waitFor("the draft to be saved") { _ in (try? SQLiteTicketStore(path: db, policy: TestPolicy.standard).draft(ticketID: 1)) != nil }
        let holder = try Self.holdLock(db, seconds: 60, folder: scratch.url.path)
        let started = Date()
        try tmux.press("C-s")
        let waiting = try tmux.waitFor("the waiting notice", timeout: 10) { screen in
            if screen.contains("Send anyway? y/n") { try? tmux.press("y") }
            return screen.contains("Waiting: another program is writing to the store; giving up after 4 s…")
        }
        #expect(Date().timeIntervalSince(started) < 4, "said while it waits, not after:\n\(waiting)")
        let refused = try tmux.waitFor("the refusal", timeout: 15) {
            $0.contains("Not sent: the store is locked by another program (waited 4 s). Nothing was done; the reply stays in the composer")
        }
        #expect(Date().timeIntervalSince(started) >= 4)
        #expect(refused.contains("Ihr Paket ist unterwegs: DHL 00340434161094042557"), "the reply is still in the composer:\n\(refused)")
        #expect(!refused.contains("database is locked"), "\(refused)")
        holder.signal(SIGKILL)
        holder.wait()
        try tmux.press("C-s")
        try tmux.waitFor("the reply to be sent", timeout: 15) { screen in
            if screen.contains("Send anyway? y/n") { try? tmux.press("y") }
            return screen.contains("Reply sent to Anna")
        }
        try tmux.press("q")
        try tmux.waitFor("the console to quit") { !$0.contains("Queue ·") }
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.outboxEntries().count == 1)
    }
}
