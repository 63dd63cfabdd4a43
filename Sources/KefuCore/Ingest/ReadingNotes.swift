import Foundation

/// What a reader repaired or guessed to read a message whose structure was broken (a multipart
/// whose boundary never appears, a missing closing boundary, an unknown transfer encoding), as
/// Python's email package records defects: the message is kept and read as well as possible —
/// a customer is waiting — and the note travels with it to the thread.
///
/// Notes are built from the parser's own words and header values (a content type), so they
/// are bounded here and sanitised again wherever they are drawn.
public enum ReadingNotes {
    public static let maximumCount = 8
    public static let maximumCharacters = 200

    /// At most `maximumCount` notes of at most `maximumCharacters`, one line each, no repeats.
    public static func kept(_ notes: [String]) -> [String] {
        var seen: Set<String> = []
        var kept: [String] = []
        for note in notes {
            let line = TerminalSanitizer.boundedLine(note, maximumCharacters: maximumCharacters)
            guard !line.isEmpty, seen.insert(line).inserted else { continue }
            kept.append(line)
            if kept.count == maximumCount { break }
        }
        return kept
    }
}
