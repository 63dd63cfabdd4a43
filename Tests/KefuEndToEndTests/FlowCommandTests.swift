import Foundation
import KefuCore
import Testing

/// Issue 18's command-line half: `kefu reply`, `--version`, completions, the man page's source,
/// unknown commands, and `kefu report --since` alone.
@Suite("Scriptable reply and command-line manners")
struct FlowCommandTests {
    static func store(_ scratch: Scratch) throws -> (db: String, chat: Int, amazon: Int) {
        let db = try FlowEndToEndTests.store(scratch)
        let queue = try FlowEndToEndTests.queue(db)
        let chat = try #require(queue.first { $0["customer"] as? String == "佐藤 花子" }?["id"] as? Int)
        let amazon = try #require(queue.first { $0["customer"] as? String == "Emily Carter" }?["id"] as? Int)
        return (db, chat, amazon)
    }

    @Test("kefu reply: a blocking finding exits 1 and stores nothing; warnings need --force; a clean reply is queued once")
    func reply() throws {
        let scratch = try Scratch()
        let (db, chat, amazon) = try Self.store(scratch)
        let me = ["KEFU_AGENT": "Li Wei"]
        // Checked only: printed with its findings, nothing stored.
        let body = scratch.path("reply.txt")
        try "Hello,\n\nyou get {discount_percent}% off.\n\nLi Wei".write(toFile: body, atomically: true, encoding: .utf8)
        let dry = try KefuBinary.run(["reply", "--db", db, "\(chat)", "--body-file", body], environment: me, check: false)
        #expect(dry.status == 1)
        #expect(dry.output.contains("you get {discount_percent}% off."))
        #expect(dry.error.contains("✖ line 3, col 9: placeholder {discount_percent} is not filled"))
        let blocked = try KefuBinary.run(["reply", "--db", db, "\(chat)", "--body-file", body, "--send"], environment: me, check: false)
        #expect(blocked.status == 1)
        #expect(blocked.error.contains("not sent: 1 blocking finding(s)"))
        let empty = try JSONSerialization.jsonObject(with: Data(try KefuBinary.run(["outbox", "--db", db, "--json"]).output.utf8)) as? [Any]
        #expect(empty?.isEmpty == true)

        // A template's own fields: missing, they block; given with --field, they fill it.
        let haggle = ["reply", "--db", db, "\(amazon)", "--template", "bulk-discount-instead-of-haggle"]
        let unfilled = try KefuBinary.run(haggle, environment: me, check: false)
        #expect(unfilled.status == 1 && unfilled.error.contains("{discount_percent} is not filled"))
        let filled = try KefuBinary.run(haggle + ["--field", "min_quantity=10", "--field", "discount_percent=15"], environment: me, check: false)
        #expect(!filled.error.contains("✖"), "\(filled.error)")
        #expect(filled.output.contains("Dear Emily Carter") && filled.output.contains("15"))

        // A template filled from the ticket: should the checks warn (as the console's would),
        // nothing goes without --force; with it the reply is queued.
        let args = ["reply", "--db", db, "\(amazon)", "--template", "greeting-visitor", "--send"]
        let first = try KefuBinary.run(args, environment: me, check: false)
        if first.status == 1 {
            #expect(first.error.contains("--force sends anyway") || first.error.contains("blocking"), "\(first.error)")
            #expect(!first.error.contains("blocking"), "a shipped template was blocked: \(first.error)")
            let forced = try KefuBinary.run(args + ["--force", "--idempotency-key", "k-1"], environment: me)
            #expect(forced.output.contains("reply queued on #\(amazon)"))
        } else {
            #expect(first.output.contains("reply queued on #\(amazon)"))
        }
        let outbox = try #require(try JSONSerialization.jsonObject(with: Data(try KefuBinary.run(["outbox", "--db", db, "--json"]).output.utf8)) as? [[String: Any]])
        #expect(outbox.count == 1)
        let shown = try KefuBinary.run(["show", "--db", db, "\(amazon)"]).output
        #expect(shown.contains("Emily"))
        #expect(shown.contains("── Agent · Li Wei · "))
        // Answered: out of the needs-reply queue, like a console send.
        #expect(!(try FlowEndToEndTests.queue(db)).contains { $0["id"] as? Int == amazon })

        // A clean text from standard input sends without --force; the same key again stores nothing new.
        let clean = "Hello 佐藤 花子,\n\nthank you for your message. Size M fits most customers; size L is looser.\n\nBest regards,\nLi Wei"
        let sent = try KefuBinary.run(["reply", "--db", db, "\(chat)", "--body-file", "-", "--send", "--force", "--idempotency-key", "k-2"],
                                      input: clean, environment: me)
        #expect(sent.output.contains("reply queued on #\(chat)"))
        let again = try KefuBinary.run(["reply", "--db", db, "\(chat)", "--body-file", "-", "--send", "--force", "--idempotency-key", "k-2"],
                                       input: clean, environment: me)
        #expect(again.output.contains("already sent with this key"))

        // Wrong use is named.
        let both = try KefuBinary.run(["reply", "--db", db, "\(chat)"], check: false)
        #expect(both.status != 0 && both.error.contains("give either --template NAME or --body-file FILE"))
        let unknown = try KefuBinary.run(["reply", "--db", db, "\(chat)", "--template", "no-such-template"], check: false)
        #expect(unknown.status == 1 && unknown.error.contains("no template named no-such-template"))
        let missing = try KefuBinary.run(["reply", "--db", db, "999", "--body-file", body], check: false)
        #expect(missing.status == 1 && missing.error.contains("no ticket #999"))
    }

    @Test("--version, completions for bash, zsh and fish, the help dump the man page is made from")
    func versionAndCompletions() throws {
        let version = try KefuBinary.run(["--version"]).output
        #expect(version.hasPrefix("kefu "))
        for shell in ["bash", "zsh", "fish"] {
            let script = try KefuBinary.run(["--generate-completion-script", shell]).output
            #expect(script.contains("kefu"), "\(shell)")
            #expect(script.contains("reply") && script.contains("next"), "\(shell) completes the new commands")
        }
        let dump = try KefuBinary.run(["--experimental-dump-help"]).output
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        let command = try #require(tool["command"] as? [String: Any])
        let names = (command["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }
        #expect(names.contains("reply") && names.contains("next") && names.contains("queue"))
    }

    @Test("An unknown command is reported against kefu, with the commands it knows")
    func unknownCommand() throws {
        let bogus = try KefuBinary.run(["bogus"], check: false)
        #expect(bogus.status == 64)
        #expect(bogus.error.contains("'bogus' is not a kefu command"))
        #expect(bogus.error.contains("Commands: console, demo"))
        #expect(!bogus.error.contains("kefu console"))
    }

    @Test("kefu report --since alone ends now: a past day works, a future one says it is after now")
    func reportSince() throws {
        let scratch = try Scratch()
        let db = try FlowEndToEndTests.store(scratch)
        let past = try KefuBinary.run(["report", "--db", db, "--since", "2026-11-01", "--now", "2026-12-07T12:00:00Z"], check: false)
        #expect(past.status == 0, "\(past.error)")
        let future = try KefuBinary.run(["report", "--db", db, "--since", "2026-12-08", "--now", "2026-12-07T12:00:00Z"], check: false)
        #expect(future.status != 0)
        #expect(future.error.contains("--since 2026-12-08 is after now"))
        #expect(!future.error.contains("--until"))
    }
}
