import Foundation

/// Who a reply's greeting is addressed to, and whether that is the customer of the ticket.
///
/// A reply that opens "Dear 渡辺 健," on Mason Lee's ticket tells Mason that his message was
/// answered with someone else's text — the kind of slip a personal template or a copied reply
/// carries over. The greeting is the reply's first non-empty line when it holds a greeting word
/// or an honorific; what is left once greeting words, titles ("Mr", "Frau", "Sra."),
/// honorifics (様, 님, 先生) and generic addressees ("customer", "Damen und Herren", お客様) are
/// taken out is the name. No name (a bare "Hello,") is never a mistake.
///
///     GreetingAddressee.find(in: "Dear 渡辺 健,\n\nThank you…")?.name      // "渡辺 健"
///     GreetingAddressee.matches("Mason", customer: "Mason Lee")              // true
///     GreetingAddressee.matches("Lucia", customer: "Lucía Gómez")            // true (accents aside)
public struct GreetingAddressee: Sendable, Hashable {
    /// The name as written in the reply.
    public var name: String
    /// Where it is in the reply.
    public var range: Range<String.Index>

    /// The name the greeting addresses, if it addresses one.
    public static func find(in reply: String) -> GreetingAddressee? {
        guard let lineRange = firstNonEmptyLine(of: reply) else { return nil }
        let line = reply[lineRange]
        // The greeting ends at the first comma, colon or exclamation mark; "Hola, Lucía:" and
        // "안녕하세요, 김민수 고객님." put the name in the second piece.
        var pieces: [Range<String.Index>] = []
        var start = line.startIndex
        for index in line.indices where separators.contains(line[index]) {
            pieces.append(start..<index)
            start = line.index(after: index)
            if pieces.count == 2 { break }
        }
        if pieces.count < 2 { pieces.append(start..<line.endIndex) }
        var sawGreeting = false
        for piece in pieces.prefix(2) {
            let (rest, greeted) = strip(reply, piece)
            sawGreeting = sawGreeting || greeted
            guard sawGreeting else { return nil }
            if let rest, looksLikeName(reply[rest]) { return GreetingAddressee(name: String(reply[rest]), range: rest) }
            if rest != nil { return nil }
        }
        return nil
    }

    /// True when `written` names the customer: one of the name's words (a first name, a family
    /// name), the whole name, or for names written without spaces (渡辺健) a part of it.
    /// Case and accents do not count.
    public static func matches(_ written: String, customer: String) -> Bool {
        let writtenWords = words(written)
        let customerWords = words(customer)
        guard !writtenWords.isEmpty, !customerWords.isEmpty else { return true }
        if writtenWords.contains(where: customerWords.contains) { return true }
        // "Dear Hanako," to 佐藤 花子, "Dear Anna," to Анна: a name written in Latin letters for
        // a customer whose name has none may be its romanisation, which cannot be checked.
        func isLatin(_ c: Character) -> Bool { c.unicodeScalars.allSatisfy { $0.value < 0x250 } }
        if !customer.contains(where: { $0.isLetter && isLatin($0) }), written.filter(\.isLetter).allSatisfy(isLatin) { return true }
        let joinedWritten = writtenWords.joined(), joinedCustomer = customerWords.joined()
        if joinedWritten == joinedCustomer { return true }
        let unspaced = joinedWritten.unicodeScalars.contains { isUnspacedScript($0) }
        return unspaced && (joinedCustomer.contains(joinedWritten) || customerWords.contains { joinedWritten.contains($0) })
    }

    /// The greeting line with the wrong name replaced: "Dear Mason Lee," for "Dear 渡辺 健,".
    public func corrected(in reply: String, to customer: String) -> String {
        guard let lineRange = Self.firstNonEmptyLine(of: reply) else { return customer }
        var line = String(reply[lineRange.lowerBound..<range.lowerBound]) + customer
        line += reply[range.upperBound..<lineRange.upperBound]
        return line
    }

    // MARK: Reading the greeting

    private static let separators: Set<Character> = [",", ":", "!", "，", "：", "！", "、", "。", ";", "\u{FF1B}"]

    private static func firstNonEmptyLine(of text: String) -> Range<String.Index>? {
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            if !text[lineStart..<lineEnd].allSatisfy(\.isWhitespace) { return lineStart..<lineEnd }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        return nil
    }

    /// Takes greeting words, titles, honorifics and generic addressees out of one piece of the
    /// greeting line: the range of what is left (nil when nothing is), and whether the piece
    /// held a greeting or an honorific at all.
    private static func strip(_ text: String, _ piece: Range<String.Index>) -> (Range<String.Index>?, Bool) {
        let lower = text[piece].lowercased()
        // Lowercasing keeps the characters of these scripts one for one; where it would not
        // (a rare ligature), give up rather than point at the wrong place.
        guard lower.count == text[piece].count else { return (nil, false) }
        var removed = [Bool](repeating: false, count: lower.count)
        let offsets = Array(lower.indices)
        func mark(_ range: Range<String.Index>) {
            let from = lower.distance(from: lower.startIndex, to: range.lowerBound)
            var to = lower.distance(from: lower.startIndex, to: range.upperBound)
            // A prefix phrase ("sehr geehrte*") takes the rest of its word.
            while to < offsets.count, lower[offsets[to]].isLetter, !isUnspacedScript(lower[offsets[to]].unicodeScalars.first!) { to += 1 }
            for i in from..<to { removed[i] = true }
        }
        let greetingRanges = CourtesyPhrases.greetings.allMatches(in: lower)
        let honorificRanges = honorifics.allMatches(in: lower)
        greetingRanges.forEach(mark)
        honorificRanges.forEach(mark)
        addressWords.allMatches(in: lower).forEach(mark)
        let greeted = !greetingRanges.isEmpty || !honorificRanges.isEmpty
        // What is left: letters not taken, trimmed of spaces and punctuation at both ends.
        let kept = offsets.indices.filter { !removed[$0] && (lower[offsets[$0]].isLetter || lower[offsets[$0]].isNumber) }
        guard let first = kept.first, let last = kept.last else { return (nil, greeted) }
        let characters = Array(text[piece].indices)
        let start = characters[first]
        let end = text.index(after: characters[last])
        // A name is a few words; a longer rest is a sentence, not an address.
        guard text[start..<end].split(whereSeparator: \.isWhitespace).count <= 4 else { return (nil, greeted) }
        return (start..<end, greeted)
    }

    /// Honorifics written with a name (before or after it), in scripts without spaces too.
    static let honorifics = PhraseList([
        "様", "さま", "さん", "殿", "先生", "女士", "小姐", "老师", "님", "고객님", "씨", "您好", "你好", "尊敬的", "亲爱的",
        "お客様", "客户", "顾客", "고객", "尊敬する", "各位",
    ])

    /// Titles, generic addressees and the little words between them: none of them is a name.
    static let addressWords = PhraseList([
        "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam", "madame", "mme", "mlle", "monsieur", "m", "herr", "frau",
        "sr", "sra", "srta", "señor", "señora", "señorita", "don", "doña", "sig", "sig.ra", "signor", "signora",
        "signore", "dott", "senhor", "senhora", "sr.", "pan", "pani", "heer", "mevrouw", "mevr", "dhr", "bay", "bayan",
        "hanım", "bey", "господин", "госпожа", "г-н", "г-жа",
        "customer", "customers", "client", "clients", "cliente", "clientes", "clienti", "kunde", "kundin", "kunden",
        "damen", "herren", "mesdames", "messieurs", "friend", "friends", "team", "there", "all", "everyone", "valued",
        "buyer", "shopper", "käufer", "käuferin", "acheteur", "comprador", "compradora", "acquirente", "cliente",
        "покупатель", "покупательница", "клиент", "клиентка", "друг", "друзья", "amigo", "amiga", "ami", "amie",
        "freund", "freundin", "and", "or", "und", "oder", "et", "ou", "y", "o", "e", "и", "или", "the", "our",
    ])

    /// A name starts with a capital where the script has them, is not mostly common words
    /// ("I checked your order") and holds no thanks ("Hi, thanks a lot!").
    private static func looksLikeName(_ rest: Substring) -> Bool {
        guard let first = rest.first else { return false }
        if first.isLowercase { return false }
        let lower = rest.lowercased()
        if CourtesyPhrases.thanks.matches(lower) { return false }
        let restWords = LanguageDetector.words(of: lower)
        let common = restWords.filter { StopWords.index[$0] != nil }.count
        return common * 2 <= restWords.count
    }

    // MARK: Comparing names

    private static func words(_ name: String) -> [String] {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
    }

    private static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        (0x3040...0x9FFF).contains(scalar.value) || (0xAC00...0xD7AF).contains(scalar.value)
    }
}
