import Foundation
import Testing

/// Issue 18 through the real binary in tmux: the composer scrolls and says what is hidden, a
/// greeting to the wrong person stops the send and offers the right name, and customers who
/// write Korean, Chinese or Japanese get a template in their language that passes the checks.
@Suite("Composer shows what is sent, end to end", .serialized)
struct ComposerShowsAllEndToEndTests {
    static func message(_ id: String, from: String, language: String, subject: String, body: String) -> String {
        #"{"id":"\#(id)","conversation":"c-\#(id)","channel":"marketplace","marketplace":"amazon","direction":"in","from":"\#(from) <\#(id)@example.com>","to":"shop@example.com","at":"2026-11-20T02:00:00Z","subject":"\#(subject)","body":"\#(body)","language":"\#(language)"}"#
    }

    @Test("At 80x24 a long reply shows ↑/↓ marks as the cursor moves; a greeting to someone else blocks, y fixes the name")
    func scrollingAndWrongName() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.message(
            "m1", from: "Mason Lee", language: "en", subject: "Question about size", body: "Is the basket big enough for a 20 cm pot?"))
        let tmux = try Tmux(command: [KefuBinary.path, "--db", db], rows: 24, cols: 80)
        try tmux.waitFor(text: "Mason Lee")
        try tmux.press("r")
        try tmux.waitFor(text: "Reply to Mason Lee")
        try tmux.type("Dear Wang Fang,")
        try tmux.press("Enter")
        for line in 1...20 {
            try tmux.type("Line \(line) of the answer.")
            try tmux.press("Enter")
        }
        try tmux.type("Thank you, Li Wei")
        // The first lines have scrolled out of the composer: it says so.
        try tmux.waitFor("the ↑ mark with the hidden lines counted") { $0.contains("Thank you, Li Wei") && $0.contains("more lines") && $0.contains("↑ ") }
        #expect(!tmux.screen().contains("Dear Wang Fang,"))
        try tmux.run(["send-keys", "-t", "main", "-N", "25", "Up"])
        try tmux.waitFor("the top of the reply, with the ↓ mark") { $0.contains("Dear Wang Fang,") && $0.contains("↓ ") && $0.contains("more lines") }

        try tmux.press("C-s")
        try tmux.waitFor(text: "Not sent, wrong name — y: greet Mason Lee instead of “Wang Fang”")
        try tmux.press("y")
        try tmux.waitFor(text: "Greeting now addressed to Mason Lee")
        try tmux.waitFor(text: "Dear Mason Lee,")
        // Nothing was sent meanwhile.
        #expect(!(try KefuBinary.run(["show", "--db", db, "1"]).output.contains("Line 1 of the answer.")))
    }

    @Test("Korean, Chinese and Japanese customers get the template in their language; it passes the checks and is sent")
    func templatesInNewLanguages() throws {
        let cases: [(language: String, name: String, subject: String, body: String, expect: String)] = [
            ("ko", "김민수", "문의", "안녕하세요, 매장에 어떤 상품이 있나요?", "김민수 고객님, 안녕하세요."),
            ("zh", "王芳", "咨询", "你好，请问店里有哪些商品？", "尊敬的王芳，您好！"),
            ("ja", "佐藤 花子", "お問い合わせ", "こんにちは。どんな商品がありますか？", "佐藤 花子様"),
        ]
        for (index, c) in cases.enumerated() {
            let scratch = try Scratch()
            let db = scratch.path("k.sqlite")
            try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.message(
                "m\(index)", from: c.name, language: c.language, subject: c.subject, body: c.body))
            let tmux = try Tmux(command: [KefuBinary.path, "--db", db], rows: 40, cols: 120)
            try tmux.waitFor(text: c.subject)
            try tmux.press("r")
            try tmux.waitFor(text: "Reply to")
            try tmux.press("C-t")
            try tmux.waitFor(text: "Templates · all stages · language \(c.language)")
            try tmux.type("greeting visitor")
            try tmux.press("Enter")
            try tmux.waitFor(text: c.expect)
            try tmux.press("C-s")
            // No warning to confirm: greeting, thanks and language all pass.
            try tmux.waitFor(text: "Reply sent to \(c.name)")
            let shown = try KefuBinary.run(["show", "--db", db, "1"]).output
            #expect(shown.contains(c.expect), "\(c.language): \(shown)")
        }
    }
}
