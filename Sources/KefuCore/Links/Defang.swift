import Foundation

/// A link written so that no terminal or mail client turns it back into something clickable:
/// `https://amazon-verify.co/login` becomes `hxxps://amazon-verify[.]co/login`, the way
/// security teams quote phishing links.
public enum Defang {
    public static func url(_ url: String) -> String {
        var text = Substring(url)
        var out = ""
        let lower = url.lowercased()
        if lower.hasPrefix("https://") {
            out = "hxxps://"
            text = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            out = "hxxp://"
            text = text.dropFirst(7)
        }
        let hostEnd = text.firstIndex { "/?#\\".contains($0) } ?? text.endIndex
        out += text[..<hostEnd].replacingOccurrences(of: ".", with: "[.]")
        out += text[hostEnd...]
        return out
    }

    /// A host name with its dots bracketed: `amazon-verify[.]co`.
    public static func host(_ host: String) -> String {
        host.replacingOccurrences(of: ".", with: "[.]")
    }
}
