import Testing
@testable import KefuChannels

/// Found by fuzzing: the reader went by Character, and a combining mark after a quote or a
/// delimiter joined it into one grapheme: the field never closed, or two fields became one.
struct DelimitedTextReaderTests {
    @Test func aCombiningMarkAfterADelimiterStartsTheNextField() {
        let read = DelimitedTextReader.rows("a,\u{301}b,c\n", delimiter: ",", quoting: true)
        #expect(read.problem == nil)
        #expect(read.rows.map(\.fields) == [["a", "\u{301}b", "c"]])
    }

    @Test func aCombiningMarkAfterAClosingQuoteStillClosesTheField() {
        let read = DelimitedTextReader.rows("\"x \"\"y\"\"\"\u{301},z\r\nnext,row\r\n", delimiter: ",", quoting: true)
        #expect(read.problem == nil)
        #expect(read.rows.map(\.fields) == [["x \"y\"\u{301}", "z"], ["next", "row"]])
        #expect(read.rows.map(\.line) == [1, 2])
    }

    @Test func lineNumbersCountBreaksInsideQuotes() {
        let read = DelimitedTextReader.rows("\"a\r\nb\",c\r\nd\re\n", delimiter: ",", quoting: true)
        #expect(read.rows.map(\.line) == [1, 3, 4])
        #expect(read.rows.map(\.fields) == [["a\r\nb", "c"], ["d"], ["e"]])
    }
}
