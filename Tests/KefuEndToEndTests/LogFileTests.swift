import Foundation
import Testing

/// The log under $XDG_STATE_HOME/kefu/ records what ran by id and count, never what the
/// customer wrote, their address or their name.
@Suite("Log file")
struct LogFileTests {
    @Test("ingest, a refused store and a failed command are logged with counts and reasons, without bodies, addresses or names")
    func logLeaksNothing() throws {
        let scratch = try Scratch()
        let state = scratch.path("state")
        let input = scratch.path("in.jsonl")
        try """
            {"id":"m-1","conversation":"c-1","channel":"email","direction":"in","from":"Anna Müller <anna.mueller@example.de>","at":"2026-11-23T08:15:00Z","subject":"Wo ist mein Paket?","body":"Meine Kreditkarte endet auf 4242"}
            {"id":"m-2","conversation":"c-1","channel":"email","direction":"sideways","at":"2026-11-23T08:15:00Z"}

            """.write(toFile: input, atomically: true, encoding: .utf8)
        let environment = ["XDG_STATE_HOME": state, "KEFU_LOG_LEVEL": "debug"]
        let db = scratch.path("k.sqlite")
        let ingest = try KefuBinary.run(["ingest", input, "--db", db], environment: environment, check: false)
        #expect(ingest.status == 1)
        _ = try KefuBinary.run(["show", "999999", "--db", db], environment: environment, check: false)
        let log = try String(contentsOfFile: state + "/kefu/kefu.log", encoding: .utf8)
        #expect(log.contains("ingest finished"))
        #expect(log.contains("added=1") && log.contains("invalid=1") && log.contains("lines=2"))
        #expect(log.contains("store migrated"))
        #expect(log.contains("command ended") || log.contains("command failed"))
        for secret in ["Anna", "Müller", "anna.mueller", "example.de", "Paket", "Kreditkarte", "4242"] {
            #expect(!log.contains(secret), "the log holds \(secret)")
        }
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: state + "/kefu/kefu.log")[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }
}
