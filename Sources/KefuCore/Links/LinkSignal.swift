/// Why a link looks like phishing: the signals mail filters and browsers use (ClamAV's phishing
/// checks, Thunderbird's link warnings, Chromium's IDN display rules).
public enum LinkSignal: String, Sendable, Hashable, CaseIterable, Codable {
    /// `https://www.amazon.com@evil.example/`: everything before `@` is a user name, not the host.
    case userinfoBeforeHost = "userinfo-before-host"
    /// `http://192.168.0.1/`, `http://3232235521/`, `http://0xC0A80001/`: no name to recognise.
    case numericHost = "numeric-host"
    /// A label starting `xn--`: an internationalised name that may display as a lookalike.
    case punycodeHost = "punycode-host"
    /// Latin mixed with Cyrillic or Greek in one label (`аmazon.com` with a Cyrillic а), or a
    /// label written wholly in lookalike letters.
    case mixedScriptHost = "mixed-script-host"
    /// A marketplace, payment or carrier brand used on someone else's domain
    /// (`amazon.com.verify-order.example`, `paypal-login.example`).
    case brandOnUnrelatedDomain = "brand-on-unrelated-domain"
    /// A host that imitates a protected one: lookalike letters (same UTS #39 skeleton:
    /// `arnazon.com`, `pаypal.com` with a Cyrillic а) or one letter edited (`amazom.com`).
    case lookalikeHost = "lookalike-host"
    /// The visible link text names one site, the link goes to another.
    case linkTextMismatch = "link-text-mismatch"
    /// A URL shortener hides where the link really goes.
    case shortener
    /// A login, account or payment page over plain `http:`.
    case insecureSensitivePage = "insecure-sensitive-page"

    /// One sentence an agent can act on.
    public var explanation: String {
        switch self {
        case .userinfoBeforeHost:
            "the text before '@' only looks like a site name; the link really goes to the host after '@'"
        case .numericHost: "the link goes to a bare IP address or number instead of a named site"
        case .punycodeHost: "the host is an encoded international name (xn--) that can imitate a known site"
        case .mixedScriptHost: "the host mixes alphabets or uses lookalike letters to imitate a known site"
        case .brandOnUnrelatedDomain: "a well-known brand appears in a host that does not belong to that brand"
        case .lookalikeHost: "the host imitates a known site with lookalike letters or one letter changed"
        case .linkTextMismatch: "the visible text names a different site than the link goes to"
        case .shortener: "a URL shortener hides the real destination"
        case .insecureSensitivePage: "a login or payment page is served over unencrypted http"
        }
    }
}
