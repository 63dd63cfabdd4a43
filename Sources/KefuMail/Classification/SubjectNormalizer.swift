import Foundation

/// Subjects without reply and forward prefixes, for threading and for writing "Re:" once.
///
/// Clients prefix in their own language (AW: WG: SV: VS: Antw: Réf: TR: RIF: 回复: 转发:) and
/// sometimes count (Re[2]:, Re^3:). Only the leading run of prefixes is removed.
public enum SubjectNormalizer {
    /// Removes leading reply prefixes only ("Re: Fwd: X" keeps "Fwd: X").
    public static func strippingReplyPrefixes(_ subject: String) -> String {
        strip(subject, prefixes: replyPrefixes)
    }

    /// Removes leading reply and forward prefixes, for comparing subjects.
    public static func base(_ subject: String) -> String {
        strip(subject, prefixes: replyPrefixes.union(forwardPrefixes))
    }

    /// A form for matching: base subject, lowercased, whitespace collapsed.
    public static func threadingKey(_ subject: String) -> String {
        HeaderText.collapseWhitespace(base(subject)).lowercased()
    }

    private static let replyPrefixes: Set<String> = ["re", "aw", "sv", "vs", "antw", "antwort", "réf", "ref", "rif", "r", "odp", "ynt", "回复", "回覆", "答复", "返信"]
    private static let forwardPrefixes: Set<String> = ["fw", "fwd", "wg", "tr", "rv", "enc", "i", "转发", "轉寄", "転送"]

    private static func strip(_ subject: String, prefixes: Set<String>) -> String {
        var rest = Substring(subject.trimmingCharacters(in: .whitespaces))
        while true {
            // "[tag]" before a prefix stays; only "prefix[n]:" or "prefix:" is removed.
            let word = rest.prefix { $0.isLetter }
            guard !word.isEmpty, prefixes.contains(word.lowercased()) else { break }
            var after = rest.dropFirst(word.count)
            if after.first == "[" || after.first == "^" || after.first == "(" {
                after = after.dropFirst().drop { $0.isNumber }
                if after.first == "]" || after.first == ")" { after = after.dropFirst() }
            }
            after = after.drop { $0 == " " }
            guard after.first == ":" || after.first == "：" else { break }
            rest = after.dropFirst().drop { $0 == " " || $0 == "\t" }
        }
        return String(rest)
    }
}
