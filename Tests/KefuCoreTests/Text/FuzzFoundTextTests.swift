import Testing
@testable import KefuCore

/// Inputs the fuzzers found, kept as plain tests beside their corpus files.
struct FuzzFoundTextTests {
    /// Foundation's substring search on Linux missed "\n" before a combining mark, so the
    /// one-line form kept the newline.
    @Test func oneLineRemovesANewlineFollowedByACombiningMark() {
        let line = TerminalSanitizer.oneLine("hi e\n\u{301}")
        #expect(!line.unicodeScalars.contains("\n"))
        #expect(line.unicodeScalars.map(\.value) == [0x68, 0x69, 0x20, 0x65, 0x20, 0x301])
    }

    /// `href=""` was returned as an empty link; the URL written after it is still found.
    @Test func anEmptyHrefIsNoLink() {
        let links = LinkExtractor.links(in: #"See <a href=""https://xn--mazon-3ve.com/">amazon.com</a>"#)
        #expect(links.allSatisfy { !$0.url.isEmpty })
        #expect(links.contains { $0.url.hasPrefix("https://xn--mazon-3ve.com/") })
    }
}
