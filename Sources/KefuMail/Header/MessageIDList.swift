/// Message identifiers from Message-ID, In-Reply-To and References, without angle brackets.
///
/// `<a@x> <b@y>` gives ["a@x", "b@y"]. Real mail also has ids without brackets, ids separated by
/// commas, and phrases or comments mixed in (old In-Reply-To: `Your message of ... <a@x>`);
/// bracketed ids win, and a single bare token is taken when there are none.
public enum MessageIDList {
    public static func parse(_ text: String) -> [String] {
        var ids: [String] = []
        var remainder = Substring(text)
        while let open = remainder.firstIndex(of: "<") {
            let after = remainder[remainder.index(after: open)...]
            guard let close = after.firstIndex(of: ">") else { break }
            let id = after[..<close].filter { !$0.isWhitespace }
            if !id.isEmpty { ids.append(String(id)) }
            remainder = after[after.index(after: close)...]
        }
        if ids.isEmpty {
            let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
            if tokens.count == 1, tokens[0].contains("@") || tokens[0].count > 8 { ids.append(String(tokens[0])) }
        }
        return ids
    }
}
