import Foundation
import KefuStore
import KefuTestSupport
import Testing

/// A full disk, made with the file size limit (`ulimit -f`, RLIMIT_FSIZE) on the kefu process,
/// SIGXFSZ ignored so a write past it fails with EFBIG as on a full disk. Needs no root (a
/// process may always lower its own limit), so it runs the same on a developer's machine and
/// in CI. Each time: a clear error, the store still opens and passes its integrity check, and
/// nothing acknowledged before the failure is lost.
@Suite("Disk full (RLIMIT_FSIZE)", .serialized)
struct DiskFullTests {
    /// `kefu ARGUMENTS` with writes limited to `kilobytes` per file.
    static func limited(_ kilobytes: Int, _ arguments: [String], environment: [String: String] = [:]) throws -> Shell.Result {
        let quoted = ([KefuBinary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try Shell.run(["/bin/bash", "-c", "trap '' XFSZ; ulimit -f \(kilobytes); exec \(quoted)"], environment: environment, check: false)
    }

    @Test("ingest on a full disk: a clear error; the store opens, is sound, and a run with room adds the rest exactly once")
    func ingest() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let input = scratch.path("m.jsonl")
        let count = 12_000
        var lines = ""
        for index in 0..<count {
            lines += #"{"id":"m-\#(index)","conversation":"c-\#(index % 2000)","channel":"email","direction":"in","from":"b\#(index)@x.example","at":"2026-11-23T08:15:00Z","subject":"Where is my parcel","body":"\#(String(repeating: "Hello ", count: 40))"}"# + "\n"
        }
        try lines.write(toFile: input, atomically: true, encoding: .utf8)
        let full = try Self.limited(2500, ["ingest", input, "--db", db])
        #expect(full.status == 1)
        #expect(full.error.contains("the disk is full or a file size limit was reached"), "\(full.error)")
        #expect(full.error.contains("everything stored before it is kept"))
        let store = try SQLiteTicketStore(path: db, policy: TestPolicy.standard)
        #expect(try store.integrityCheck() == ["ok"])
        let kept = try store.tableCounts().messages
        #expect(kept < count)
        let room = try KefuBinary.run(["ingest", input, "--db", db], check: false)
        #expect(room.status == 0, "\(room.error)")
        #expect(room.output.contains("Ingested \(count - kept) messages"), "\(room.output)")
        #expect(room.output.contains("\(kept) already stored"))
        #expect(try store.tableCounts().messages == count)
        #expect(try store.tableCounts().distinctMessageIDs == count)
    }

    @Test("evidence add on a full disk: refused, no record, no file left half-written")
    func evidence() throws {
        let fixture = try OrderFixture()
        let photo = try fixture.file("big.jpg", bytes: 3 << 20)
        let full = try Self.limited(1024, ["evidence", "add", "--order", OrderFixture.orderID, photo, "--kind", "photo", "--db", fixture.db],
                                    environment: fixture.environment)
        #expect(full.status != 0)
        #expect(full.error.contains("File too large") || full.error.contains("disk"), "\(full.error)")
        #expect(try fixture.evidenceRows().isEmpty)
        #expect(fixture.objects().isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: fixture.temporaryFolder)) ?? []).isEmpty)
        let store = try SQLiteTicketStore(path: fixture.db, policy: TestPolicy.standard)
        #expect(try store.integrityCheck() == ["ok"])
        // With room, the same file goes in.
        #expect(try fixture.kefu(["evidence", "add", "--order", OrderFixture.orderID, photo, "--kind", "photo"]).status == 0)
        #expect(try fixture.evidenceRows().count == 1)
    }
}
