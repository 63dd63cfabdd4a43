/// What may reach the log: ids, counts, states and reasons, never a message body, an address or
/// a customer's name. Callers log only those; this is the safety net for reasons that quote an
/// outside program (an SMTP server's "<anna@example.de>: mailbox full"): every e-mail address
/// becomes `<address>`, control characters become spaces, and a value is cut at 300 characters.
public enum LogRedaction {
    public static let maximumLength = 300

    public static func redact(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        // Words (split at spaces and brackets) with an @ between other characters are addresses.
        var word = String.UnicodeScalarView()
        func flush() {
            let scalars = Array(word)
            if let at = scalars.firstIndex(of: "@"), at > 0, at < scalars.count - 1 {
                out.append(contentsOf: "<address>".unicodeScalars)
            } else {
                out.append(contentsOf: word)
            }
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
                flush()
                out.append(" ")
            } else if " <>()[],;:\"'".unicodeScalars.contains(scalar) {
                flush()
                out.append(scalar)
            } else {
                word.append(scalar)
            }
        }
        flush()
        let result = String(out)
        return result.count > maximumLength ? String(result.prefix(maximumLength)) + "…" : result
    }
}
