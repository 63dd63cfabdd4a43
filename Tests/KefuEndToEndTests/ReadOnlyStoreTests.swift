import Foundation
import KefuStore
import KefuTestSupport
import Testing

/// A store the user may not write: the file at mode 0400, or its folder at 0500 too.
///
/// Mode bits do not stop root (CAP_DAC_OVERRIDE), and CI runs as root: there every kefu runs
/// under `setpriv` with the capabilities that pass over mode bits dropped from its bounding
/// set, so the kernel refuses its writes as it would a user's. Each test first checks that the
/// file really cannot be written this way (`test -w` under the same wrapper), so it can never
/// pass on a store that was writable after all.
@Suite("Read-only store", .serialized)
struct ReadOnlyStoreTests {
    /// The words that run a program as a user whom mode bits stop (nothing when not root).
    static var unprivileged: [String] {
        getuid() != 0 ? [] : ["/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable", "--"]
    }

    /// `kefu ARGUMENTS` as a user who may not write what mode bits forbid.
    static func kefu(_ arguments: [String], input: String? = nil) throws -> Shell.Result {
        try Shell.run(unprivileged + [KefuBinary.path] + arguments, input: input, check: false)
    }

    /// A store with two conversations, closed cleanly (no -wal, no -shm left).
    static func store(in folder: String) throws -> String {
        let db = folder + "/k.sqlite"
        let lines = [
            StoreSharingTests.line(id: "a1", conversation: "c1", minutesAgo: 30, from: "Anna Müller <anna@example.de>", subject: "Wo ist mein Paket", body: "Hallo"),
            StoreSharingTests.line(id: "b1", conversation: "c2", minutesAgo: 60, from: "Lin Wei <lin@example.cn>", subject: "退货", body: "你好"),
        ]
        try KefuBinary.run(["ingest", "--db", db, "-"], input: lines.joined(separator: "\n") + "\n")
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
        return db
    }

    /// Fails the test unless `path` really is not writable for the wrapped kefu.
    static func requireUnwritable(_ path: String) throws {
        let probe = try Shell.run(unprivileged + ["/bin/sh", "-c", "test -w \"$0\"", path], check: false)
        try #require(probe.status != 0, "\(path) is still writable under \(unprivileged); the test would prove nothing")
    }

    static func chmod(_ path: String, _ mode: mode_t) {
        #expect(Glibc.chmod(path, mode) == 0)
    }

    @Test("A store file at 0400: queue, show and report read it; ingest, import, reply --send and deliver refuse naming the file; nothing changes")
    func fileNotWritable() throws {
        let scratch = try Scratch()
        let db = try Self.store(in: scratch.url.path)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        Self.chmod(db, 0o400)
        defer { Self.chmod(db, 0o600) }
        try Self.requireUnwritable(db)

        let queue = try Self.kefu(["queue", "--db", db])
        #expect(queue.status == 0, "\(queue.error)")
        #expect(queue.output.contains("Anna Müller") && queue.output.contains("Lin Wei"), "\(queue.output)")
        #expect(queue.error.contains("the store at \(db) is open read-only: the file is not writable by this user"), "\(queue.error)")
        let show = try Self.kefu(["show", "1", "--db", db])
        #expect(show.status == 0, "\(show.error)")
        #expect(show.output.contains("Hallo"), "\(show.output)")
        let report = try Self.kefu(["report", "--db", db])
        #expect(report.status == 0, "\(report.error)")

        let refusal = "cannot write the store at \(db): the file is not writable by this user"
        let more = StoreSharingTests.line(id: "c1", conversation: "c3", minutesAgo: 5, from: "Zoé <zoe@example.fr>", subject: "Colis", body: "Bonjour")
        let ingest = try Self.kefu(["ingest", "--db", db, "-"], input: more + "\n")
        #expect(ingest.status == 1)
        #expect(ingest.error.contains(refusal), "\(ingest.error)")
        #expect(ingest.error.contains("mode 0400"), "\(ingest.error)")
        #expect(ingest.error.split(separator: "\n").count == 1, "one line: \(ingest.error)")

        let mbox = scratch.path("in.mbox")
        try "From zoe@example.fr Mon Dec  7 10:00:00 2026\nFrom: Zoé <zoe@example.fr>\nSubject: Colis\nMessage-ID: <m1@example.fr>\n\nBonjour\n"
            .write(toFile: mbox, atomically: true, encoding: .utf8)
        let imported = try Self.kefu(["import", "mbox", mbox, "--db", db])
        #expect(imported.status != 0)
        #expect(imported.error.contains(refusal), "\(imported.error)")

        let reply = try Self.kefu(["reply", "1", "--body-file", "-", "--send", "--db", db], input: "Danke, Anna. Das Paket ist unterwegs.\n")
        #expect(reply.status != 0)
        #expect(reply.error.contains(refusal), "\(reply.error)")

        let deliver = try Self.kefu(["deliver", "--db", db])
        #expect(deliver.status != 0)
        #expect(deliver.error.contains(refusal), "\(deliver.error)")

        // Nothing was written, nothing was left beside it.
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        Self.chmod(db, 0o600)
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.counts().messages == 2)
    }

    @Test("File at 0400 in a folder at 0500 (no -wal, no -shm can be made): read as a snapshot; writes refused naming the folder")
    func folderNotWritable() throws {
        let scratch = try Scratch()
        let folder = scratch.path("ro")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let db = try Self.store(in: folder)
        Self.chmod(db, 0o400)
        Self.chmod(folder, 0o500)
        defer {
            Self.chmod(folder, 0o700)
            Self.chmod(db, 0o600)
        }
        try Self.requireUnwritable(folder)

        let queue = try Self.kefu(["queue", "--db", db])
        #expect(queue.status == 0, "\(queue.error)")
        #expect(queue.output.contains("Anna Müller"), "\(queue.output)")
        #expect(queue.error.contains("open read-only") && queue.error.contains("(read as a snapshot)"), "\(queue.error)")

        let ingest = try Self.kefu(["ingest", "--db", db, "-"],
                                   input: StoreSharingTests.line(id: "c1", conversation: "c3", minutesAgo: 5, from: "z@example.fr", subject: "s", body: "b") + "\n")
        #expect(ingest.status == 1)
        #expect(ingest.error.contains("cannot write the store at \(db)"), "\(ingest.error)")
        // The file check comes first; with the file made writable the folder is named.
        Self.chmod(folder, 0o700)
        Self.chmod(db, 0o600)
        Self.chmod(folder, 0o500)
        let again = try Self.kefu(["ingest", "--db", db, "-"],
                                  input: StoreSharingTests.line(id: "c1", conversation: "c3", minutesAgo: 5, from: "z@example.fr", subject: "s", body: "b") + "\n")
        #expect(again.status == 1)
        #expect(again.error.contains("cannot write the store at \(db): its folder \(folder) is not writable by this user"), "\(again.error)")
        #expect(!FileManager.default.fileExists(atPath: db + "-wal") && !FileManager.default.fileExists(atPath: db + "-shm"))
    }

    @Test("A new store in a folder the user cannot write is refused naming the folder, not 'Permission denied'")
    func cannotCreate() throws {
        let scratch = try Scratch()
        let folder = scratch.path("locked")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        Self.chmod(folder, 0o500)
        defer { Self.chmod(folder, 0o700) }
        try Self.requireUnwritable(folder)
        let db = folder + "/sub/new.sqlite"
        let ingest = try Self.kefu(["ingest", "--db", db, "-"],
                                   input: StoreSharingTests.line(id: "a", conversation: "c", minutesAgo: 5, from: "z@example.fr", subject: "s", body: "b") + "\n")
        #expect(ingest.status == 1)
        #expect(ingest.error.contains("cannot write the store at \(db): it does not exist and cannot be made: its folder \(folder) is not writable"), "\(ingest.error)")
        #expect(!ingest.error.contains("Permission denied"), "\(ingest.error)")
    }

    @Test("The console on a read-only store says so in the status bar and refuses a reply before anything is typed")
    func console() throws {
        let scratch = try Scratch()
        let db = try Self.store(in: scratch.url.path)
        Self.chmod(db, 0o400)
        defer { Self.chmod(db, 0o600) }
        try Self.requireUnwritable(db)
        let tmux = try Tmux(command: Self.unprivileged + [KefuBinary.path, "--db", db], rows: 30, cols: 140)
        try tmux.waitFor("the read-only notice with the queue") { screen in
            screen.contains("READ-ONLY store") && screen.contains("replies, notes and claims are off") && screen.contains("Anna Müller")
        }
        try tmux.press("r")
        try tmux.waitFor("the refusal") { screen in
            screen.contains("Not done: the store is read-only, replies, notes and claims are off") && !screen.contains("Reply to ")
        }
        // Reading goes on: the other conversation opens. Lin Wei wrote first, so her thread
        // (你好) is the one shown at the start; j moves on to Anna's (waiting for 你好 here passed
        // whenever the screen was read before the redraw).
        #expect(try tmux.waitFor(text: "你好").contains("Queue · needs reply · 1/2"))
        try tmux.press("j")
        try tmux.waitFor("Anna's thread") { screen in
            screen.contains("Queue · needs reply · 2/2") && screen.contains("#1 Anna Müller") && screen.contains("Hallo")
        }
        try tmux.press("q")
        try tmux.waitFor("the console to quit") { !$0.contains("READ-ONLY store") }
    }

    @Test("kefu store copy from a store the user may not write (file 0400, folders 0500): copies every table and the evidence files, makes nothing beside the source")
    func copyFromReadOnly() throws {
        let scratch = try Scratch()
        let source = try StoreCopyTests.filledStore(scratch)
        let evidence = scratch.path("source-evidence")
        let listing = { try FileManager.default.subpathsOfDirectory(atPath: scratch.url.path).sorted() }
        let before = try listing()
        var folders = [scratch.url.path, evidence]
        for name in try FileManager.default.subpathsOfDirectory(atPath: evidence) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: evidence + "/" + name, isDirectory: &isFolder), isFolder.boolValue { folders.append(evidence + "/" + name) }
        }
        Self.chmod(source, 0o400)
        for folder in folders.reversed() { Self.chmod(folder, 0o500) }
        defer {
            for folder in folders { Self.chmod(folder, 0o700) }
            Self.chmod(source, 0o600)
        }
        try Self.requireUnwritable(scratch.url.path)
        try Self.requireUnwritable(evidence + "/objects")

        let target = try Scratch()
        let copy = target.path("copy.sqlite")
        let copied = try Self.kefu(["store", "copy", source, copy])
        #expect(copied.status == 0, "\(copied.error)")
        #expect(copied.output.contains("tables agree; 1 evidence file(s) copied."), "\(copied.output)")
        #expect(try listing() == before, "nothing made or removed beside the source")
        for folder in folders { Self.chmod(folder, 0o700) }
        Self.chmod(source, 0o600)
        #expect(try StoreCopyTests.views(copy) == (try StoreCopyTests.views(source)))
    }
}
