import Testing
@testable import KefuCore

@Suite("Display width: CJK, emoji and combining marks")
struct DisplayWidthTests {
    @Test func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("佐藤 花子") == 9)
        #expect(DisplayWidth.of("🙂") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)  // e + combining acute
        #expect(DisplayWidth.of("Анна") == 4)
    }

    @Test("Truncation never splits a double-width character")
    func truncateWide() {
        let cut = DisplayWidth.truncate("日本語テキスト", to: 6)
        #expect(cut == "日本…")
        #expect(DisplayWidth.of(cut) <= 6)
        #expect(DisplayWidth.truncate("日本語", to: 3, ellipsis: false) == "日")
    }

    @Test("A combining mark stays with its letter")
    func truncateCombining() {
        #expect(DisplayWidth.truncate("ae\u{301}bc", to: 3) == "ae\u{301}…")
    }

    @Test func fitPads() {
        #expect(DisplayWidth.fit("日", to: 4) == "日  ")
        #expect(DisplayWidth.of(DisplayWidth.fit("Zoé Lefèvre-Rousseau", to: 8)) == 8)
    }

    @Test func wrapKeepsWordsAndIndentation() {
        #expect(DisplayWidth.wrap("one two three", to: 7) == ["one two", "three"])
        #expect(DisplayWidth.wrap("  2 × lamp", to: 20) == ["  2 × lamp"])
        #expect(DisplayWidth.wrap("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
        for line in DisplayWidth.wrap("注文は3点のはずですが、届いたのは2点だけでした。", to: 9) {
            #expect(DisplayWidth.of(line) <= 9)
        }
    }
}
