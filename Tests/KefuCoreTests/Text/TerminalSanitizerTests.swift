import Testing
@testable import KefuCore

@Suite("Terminal sanitiser: nothing a customer writes reaches the terminal as a control")
struct TerminalSanitizerTests {
    /// True when no C0 (but newline), DEL, C1, ESC or bidi override is left.
    static func isInert(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            let v = s.value
            if v == 0x0A { return true }
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return false }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return false }
            return true
        }
    }

    @Test func plainTextIsUnchanged() {
        let text = "Hallo Jürgen, 你好 🙂\nZweite Zeile"
        #expect(TerminalSanitizer.clean(text) == text)
    }

    @Test("OSC 52 (clipboard write) is removed whole, payload included")
    func osc52() {
        let hostile = "before\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}after"
        let clean = TerminalSanitizer.clean(hostile)
        #expect(clean == "before\u{FFFD}after")
        #expect(!clean.contains("ZWNobyBwd25lZA"))
    }

    @Test("OSC 0 (window title) terminated by ST is removed")
    func osc0() {
        let clean = TerminalSanitizer.clean("x\u{1B}]0;pwned title\u{1B}\\y")
        #expect(clean == "x\u{FFFD}y")
    }

    @Test("CSI sequences (colours, cursor moves, screen clear) are removed")
    func csi() {
        let clean = TerminalSanitizer.clean("\u{1B}[2J\u{1B}[31mred\u{1B}[0m\u{1B}[10;20H!")
        #expect(clean == "\u{FFFD}\u{FFFD}red\u{FFFD}\u{FFFD}!")
        #expect(Self.isInert(clean))
    }

    @Test("C1 controls: U+009B is a one-character CSI, U+009D an OSC")
    func c1() {
        let csi = TerminalSanitizer.clean("a\u{9B}31mb")
        #expect(csi == "a\u{FFFD}b")
        let osc = TerminalSanitizer.clean("a\u{9D}52;c;AAAA\u{9C}b")
        #expect(osc == "a\u{FFFD}b")
        #expect(Self.isInert(TerminalSanitizer.clean("\u{85}\u{8D}\u{9F}x")))
    }

    @Test("Bidirectional overrides cannot reorder what follows")
    func bidi() {
        let clean = TerminalSanitizer.clean("invoice\u{202E}fdp.exe\u{2066}x\u{2069}")
        #expect(clean == "invoicefdp.exex")
    }

    @Test func otherControlsBecomeVisible() {
        #expect(TerminalSanitizer.clean("a\u{07}b\u{08}c\u{7F}d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(TerminalSanitizer.clean("tab\there\r\n") == "tab here\n")
    }

    @Test func oneLineFoldsLineBreaksAndSpaces() {
        #expect(TerminalSanitizer.oneLine("Hello\n\nworld  again") == "Hello world again")
    }

    @Test("Random byte soup never leaves a control behind")
    func fuzz() {
        var rng = SeededGenerator(seed: 42)
        let alphabet: [Unicode.Scalar] = ["\u{1B}", "[", "]", "\u{07}", "\u{9B}", "\u{9D}", "\u{9C}", "\\", "P", "a", "0", ";", "\u{202E}", "\u{0}", "\n", "日", "\u{301}"]
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0..<40, using: &rng) { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
            #expect(Self.isInert(TerminalSanitizer.clean(String(text))))
        }
    }
}
