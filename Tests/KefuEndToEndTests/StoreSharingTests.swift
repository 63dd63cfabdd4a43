import Foundation
import Testing

/// Two kefu processes on one SQLite file, drafts across a crash, hostile text.
@Suite("Console and store end to end", .serialized)
struct StoreSharingTests {
    static func line(id: String, conversation: String, minutesAgo: Double, from: String, subject: String, body: String) -> String {
        let at = Date().addingTimeInterval(-minutesAgo * 60)
        let object: [String: Any] = [
            "id": id, "conversation": conversation, "channel": "marketplace", "marketplace": "amazon", "direction": "in",
            "from": from, "to": "shop@example.com", "at": ISO8601DateFormatter().string(from: at), "subject": subject, "body": body,
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test("A message ingested by another process shows up in the open console within 2 seconds")
    func secondProcess() throws {
        let scratch = try Scratch()
        let db = scratch.path("shared.sqlite")
        try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.line(id: "a1", conversation: "c1", minutesAgo: 30, from: "Anna Müller <anna@example.de>", subject: "Erste Frage", body: "Hallo"))
        let tmux = try Tmux(command: [KefuBinary.path, "--db", db])
        try tmux.waitFor(text: "Anna Müller")
        try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.line(id: "b1", conversation: "c2", minutesAgo: 60, from: "Дмитрий Иванов <d@example.ru>", subject: "Где посылка?", body: "Здравствуйте"))
        let started = Date()
        try tmux.waitFor("the second conversation in the queue", timeout: 5) { screen in
            screen.contains("Дмитрий") && screen.contains("needs reply 2 ")
        }
        #expect(Date().timeIntervalSince(started) < 2.5)
        try tmux.press("q")
    }

    @Test("A draft survives kill -9 of the console")
    func draftSurvivesKill() throws {
        let scratch = try Scratch()
        let db = scratch.path("drafts.sqlite")
        try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.line(id: "a1", conversation: "c1", minutesAgo: 30, from: "Zoé Lefèvre <zoe@example.fr>", subject: "Où est mon colis ?", body: "Bonjour"))
        let tmux = try Tmux(command: [KefuBinary.path, "--db", db], remainOnExit: true)
        try tmux.waitFor(text: "Zoé Lefèvre")
        try tmux.press("r")
        try tmux.waitFor(text: "Reply to Zoé Lefèvre")
        try tmux.type("Bonjour Zoé, votre colis est en route. 日本")
        // The composer says when the draft is in the store (a second after typing stops). It
        // also says "draft saved" before the typed keys are read: wait for the text first.
        try tmux.waitFor(text: "Bonjour Zoé, votre colis est en route. 日本")
        try tmux.waitFor(text: "draft saved", timeout: 5)
        let pid = try tmux.panePID()
        #expect(kill(pid, SIGKILL) == 0)
        try tmux.waitFor("the console to die") { _ in tmux.paneIsDead() }
        try tmux.run(["respawn-pane", "-t", "main", "-k"])
        // The dead pane still shows the old screen (composer open); the new console starts on
        // the queue. A key sent before it has set up its terminal is discarded: press r until
        // the composer opens.
        try tmux.waitFor("the restarted console's queue") { $0.contains("Zoé Lefèvre") && !$0.contains("Reply to Zoé Lefèvre") }
        var lastPress = Date.distantPast
        try tmux.waitFor("the restarted console to open the composer") { screen in
            if screen.contains("Reply to Zoé Lefèvre") { return true }
            if Date().timeIntervalSince(lastPress) > 1 {
                lastPress = Date()
                try? tmux.press("r")
            }
            return false
        }
        try tmux.waitFor(text: "Bonjour Zoé, votre colis est en route. 日本")
        try tmux.waitFor(text: "Draft restored")
        try tmux.press("Escape", "q")
    }

    @Test("Hostile text (OSC 52, OSC 0, CSI, C1, bidi) reaches the screen as nothing but harmless marks")
    func hostileText() throws {
        let scratch = try Scratch()
        let db = scratch.path("hostile.sqlite")
        let body = "Clipboard\u{1B}]52;c;cm0gLXJmIH4=\u{07} title\u{1B}]0;PWNED\u{07} clear\u{1B}[2J red\u{1B}[31m c1csi\u{9B}2J c1osc\u{9D}0;PWNED2\u{9C} bidi\u{202E}txet\u{202C} end"
        let lines = [
            Self.line(id: "h1", conversation: "evil", minutesAgo: 10, from: "Evil\u{1B}]0;PWNED3\u{07} Buyer <evil@example.com>",
                      subject: "Hi\u{1B}[5m there", body: body),
        ]
        try KefuBinary.run(["ingest", "--db", db, "-"], input: lines.joined(separator: "\n"))
        let tmux = try Tmux(command: [KefuBinary.path, "--db", db])
        try tmux.waitFor(text: "Evil")
        try tmux.press("Enter")
        let screen = try tmux.waitFor(text: "Clipboard")
        #expect(screen.contains("end"))
        #expect(!screen.contains("PWNED"))
        #expect(!screen.contains("cm0gLXJmIH4="))
        #expect(try tmux.paneTitle() != "PWNED")
        #expect(!(try tmux.paneTitle()).contains("PWNED"))
        // No OSC 52 reached tmux's clipboard buffers.
        #expect((try? tmux.run(["list-buffers"]))?.isEmpty ?? true)
        // The bidi override is gone: the text after it reads in stored order.
        #expect(screen.contains("bidi"))
        // `kefu show` prints the same text sanitised.
        let shown = try KefuBinary.run(["show", "--db", db, "1"]).output
        #expect(!shown.contains("\u{1B}"))
        #expect(!shown.contains("\u{9B}"))
        #expect(!shown.contains("\u{202E}"))
        #expect(shown.contains("Clipboard"))
        try tmux.press("q")
    }
}
