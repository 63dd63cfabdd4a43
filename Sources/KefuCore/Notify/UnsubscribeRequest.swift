import Foundation

/// Whether a customer's message asks for no more notices: "unsubscribe" in English, German,
/// French, Spanish, Italian, Portuguese, Dutch, Chinese or Japanese, anywhere in what they
/// wrote themselves (quoted lines, `> …`, and everything after an "Original Message" line are
/// left out, so quoting a notice that explains how to unsubscribe does not count).
///
///     UnsubscribeRequest.matches("Please unsubscribe me.")        // true
///     UnsubscribeRequest.matches("> reply unsubscribe to stop")   // false
///     UnsubscribeRequest.matches("请帮我退订")                      // true
///
/// A Latin phrase must start a word ("unsubscribed" counts, "xunsubscribe" does not); a
/// Chinese or Japanese one may stand anywhere. A sentence saying the opposite ("do not
/// unsubscribe me") still counts: opting out wrongly costs a notice, sending to someone who
/// asked to stop costs the customer.
public enum UnsubscribeRequest {
    /// Lower case (ASCII letters match either case), accented and plain spellings both, since
    /// customers type either.
    static let phrases = [
        "unsubscribe", "opt out", "opt-out", "stop sending",
        "abmelden", "abbestellen", "austragen",
        "se désabonner", "désabonner", "desabonner", "désinscrire", "desinscrire", "me désinscrire",
        "darse de baja", "darme de baja", "dar de baja", "cancelar suscripción", "cancelar suscripcion",
        "cancella iscrizione", "cancellare l'iscrizione", "disiscrivere", "disiscrivermi",
        "cancelar inscrição", "descadastrar",
        "afmelden", "uitschrijven",
    ]
    /// Phrases in scripts without spaces between words.
    static let unspacedPhrases = ["退订", "取消订阅", "退訂", "配信停止", "購読解除", "登録解除"]

    public static func matches(_ body: String) -> Bool {
        // Most messages say nothing of the kind: one pass over the bytes finds that, and only
        // a hit is checked again on the customer's own lines (ingest runs this on every message).
        guard scan(Array(body.utf8)) else { return false }
        return scan(Array(ownText(body).utf8))
    }

    /// Phrases as bytes, by their first byte.
    private static let table: [[(bytes: [UInt8], wordStart: Bool)]] = {
        var table = Array(repeating: [([UInt8], Bool)](), count: 256)
        for phrase in phrases { let bytes = Array(phrase.utf8); table[Int(bytes[0])].append((bytes, true)) }
        for phrase in unspacedPhrases { let bytes = Array(phrase.utf8); table[Int(bytes[0])].append((bytes, false)) }
        return table
    }()

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }

    private static func scan(_ bytes: [UInt8]) -> Bool {
        let count = bytes.count
        var i = 0
        while i < count {
            let candidates = table[Int(lower(bytes[i]))]
            if !candidates.isEmpty {
                for (phrase, wordStart) in candidates where i + phrase.count <= count {
                    if wordStart, i > 0 {
                        let before = bytes[i - 1]
                        if before >= 0x80 || (lower(before) >= 97 && lower(before) <= 122) { continue }
                    }
                    var k = 1
                    while k < phrase.count, lower(bytes[i + k]) == phrase[k] { k += 1 }
                    if k == phrase.count { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// The lines the customer wrote: quoted lines dropped, and nothing after a forwarded or
    /// quoted original.
    static func ownText(_ body: String) -> String {
        var lines: [Substring] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("-----Original Message") || trimmed.hasPrefix("-------- Original") { break }
            if trimmed.hasPrefix(">") { continue }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
