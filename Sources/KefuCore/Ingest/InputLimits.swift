import Foundation

/// Bounds on every field that comes from outside (JSON lines, mail headers), so one broken or
/// hostile producer cannot store a 100,000-character id or a megabyte subject. README's input
/// section names each. JSON lines over a limit are refused with the field and the limit; mail
/// over a limit is still taken in (a customer is waiting): the Message-ID is replaced by the
/// content hash and a long subject is cut, with a note in the thread.
public enum InputLimits {
    /// Message ids and Message-IDs (RFC 5322 caps a header line at 998 bytes).
    public static let idBytes = 998
    /// Conversation keys.
    public static let conversationBytes = 998
    /// `from` and `to` (a name and an address).
    public static let addressBytes = 998
    /// Subjects.
    public static let subjectBytes = 4096
    /// Order ids.
    public static let orderBytes = 200
    /// Language tags (BCP 47 advises 35 characters).
    public static let languageBytes = 35
    /// Tags: how many, and each one's length; the segment's length.
    public static let tagCount = 50
    public static let tagBytes = 100
    public static let segmentBytes = 100
    /// Message-IDs kept from References and In-Reply-To.
    public static let referenceCount = 100
    /// Times: from 1970 (before that is a mistake, and calendars before 1583 disagree) to 9999.
    public static let earliest = Date(timeIntervalSince1970: 0)
    public static let latest = Date(timeIntervalSince1970: 253_402_300_799)  // 9999-12-31T23:59:59Z

    /// A field over its limit, said the way a `FILE:LINE: reason` wants it.
    public static func overLimit(_ field: String, _ value: String, limit: Int) -> String? {
        let count = value.utf8.count
        return count > limit ? "field '\(field)' is \(count) bytes, over the limit of \(limit)" : nil
    }

    /// The longest prefix of `text` within `bytes` UTF-8 bytes, cut at a character boundary.
    public static func cut(_ text: String, toBytes bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var used = 0
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let size = String(scalar).utf8.count
            if used + size > bytes { break }
            used += size
            out.append(scalar)
        }
        return String(out)
    }
}
