/// A link found in text, split into the parts the safety checks look at.
public struct FoundLink: Sendable, Hashable {
    /// The link as written (a bare URL, or the target of a markdown or HTML link).
    public var url: String
    /// Where `url` is in the text.
    public var range: Range<String.Index>
    /// The visible text of a markdown `[text](url)` or HTML `<a href>text</a>` link.
    public var linkText: String?
    /// `http`, `https`, ...; nil for a bare `www.` link.
    public var scheme: String?
    /// Whatever stands before `@` in the authority.
    public var userinfo: String?
    /// Lowercased, without port or trailing dot; IPv6 literals keep their brackets.
    public var host: String
    /// Everything after the host: path, query and fragment.
    public var rest: String

    public init(url: String, range: Range<String.Index>, linkText: String? = nil) {
        self.url = url
        self.range = range
        self.linkText = linkText
        var remainder = Substring(url)
        if let colon = remainder.firstIndex(of: ":"), remainder[colon...].hasPrefix("://") {
            scheme = remainder[..<colon].lowercased()
            remainder = remainder[remainder.index(colon, offsetBy: 3)...]
        } else {
            scheme = nil
        }
        let authorityEnd = remainder.firstIndex { "/?#\\".contains($0) } ?? remainder.endIndex
        var authority = remainder[..<authorityEnd]
        rest = String(remainder[authorityEnd...])
        if let at = authority.lastIndex(of: "@") {
            userinfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        } else {
            userinfo = nil
        }
        var host: Substring
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[...close]
        } else if let colon = authority.lastIndex(of: ":"), authority[authority.index(after: colon)...].allSatisfy(\.isNumber) {
            host = authority[..<colon]
        } else {
            host = authority
        }
        while host.hasSuffix(".") { host = host.dropLast() }
        self.host = Self.percentDecoded(String(host)).lowercased()
    }

    /// Browsers decode `%61mazon.com` to `amazon.com` before resolving, so the checks must too.
    private static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
