/// What a host name is made of, for the link checks: its labels, the domain someone registered
/// (the part a brand would own), whether it is a number, and which alphabets its letters are in.
struct HostName: Sendable, Hashable {
    let host: String
    let labels: [String]

    init(_ host: String) {
        self.host = host
        self.labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// Second-level public suffixes common in the marketplaces' countries, so `amazon.co.uk`
    /// registers `amazon`, not `co`. A short list on purpose: it only has to place brands.
    static let twoLevelSuffixes: Set<String> = [
        "co.uk", "org.uk", "me.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.jp", "ne.jp", "or.jp",
        "com.br", "com.mx", "com.cn", "net.cn", "org.cn", "com.tr", "co.nz", "co.za", "com.sg", "com.hk", "co.kr",
        "co.in", "com.ar", "com.co", "com.es", "co.il", "com.tw", "com.my", "com.ph", "com.vn", "com.pl", "com.ua",
        "com.sa", "com.eg", "co.id", "com.pe", "com.cl", "co.th", "com.pk", "com.ng",
    ]

    /// The registered domain: the last two labels, or three under a two-level suffix.
    var registrableDomain: String {
        registrableLabels.joined(separator: ".")
    }

    /// The label the owner chose (`amazon` in `www.amazon.co.uk`).
    var registeredLabel: String {
        registrableLabels.first ?? host
    }

    /// Labels left of the registered domain (`www` in `www.amazon.co.uk`).
    var subdomainLabels: [String] {
        Array(labels.dropLast(registrableLabels.count))
    }

    private var registrableLabels: [String] {
        Array(labels.suffix(registrableLabelCount))
    }

    /// How many labels from the right make the registered domain (2, or 3 under `co.uk`...).
    var registrableLabelCount: Int {
        guard labels.count > 2 else { return labels.count }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        return Self.twoLevelSuffixes.contains(lastTwo) ? 3 : 2
    }

    /// An IPv6 literal, or a host that ends in a number (browsers then read the whole host as
    /// an IPv4 address, in decimal, octal `0300.0250.0.1` or hex `0xC0A80001`).
    var isNumeric: Bool {
        if host.hasPrefix("[") { return true }
        guard let last = labels.last, !last.isEmpty else { return false }
        if last.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        if last.hasPrefix("0x") { return last.dropFirst(2).allSatisfy(\.isHexDigit) }
        return false
    }

    /// Labels with their Unicode form: `xn--` labels decoded, others as they are.
    var displayLabels: [String] {
        labels.map { label in
            guard label.hasPrefix("xn--"), let decoded = Punycode.decode(label.dropFirst(4)) else { return label }
            return decoded
        }
    }

    var hasPunycode: Bool { labels.contains { $0.hasPrefix("xn--") } }

    /// The label that mixes alphabets (or is written wholly in lookalikes), if any.
    var mixedScriptLabel: String? {
        for label in displayLabels where label.unicodeScalars.contains(where: { !$0.isASCII }) {
            let scripts = Set(label.unicodeScalars.compactMap(LetterScript.init))
            let confusable: Set<LetterScript> = [.latin, .cyrillic, .greek]
            if scripts.intersection(confusable).count > 1 { return label }
            if scripts == [.cyrillic] || scripts == [.greek],
                label.unicodeScalars.allSatisfy({ !$0.properties.isAlphabetic || LetterScript.latinLookalikes.contains($0) })
            {
                return label
            }
        }
        return nil
    }
}

/// The alphabets that can imitate each other in a host name.
enum LetterScript: Sendable, Hashable {
    case latin, cyrillic, greek, other

    init?(_ scalar: Unicode.Scalar) {
        guard scalar.properties.isAlphabetic else { return nil }
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: self = .latin
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: self = .cyrillic
        case 0x370...0x3FF, 0x1F00...0x1FFF: self = .greek
        default: self = .other
        }
    }

    /// Cyrillic and Greek letters that look like Latin ones in most fonts.
    static let latinLookalikes: Set<Unicode.Scalar> = Set(
        "аеорсухіјѕԁһӏԛԝвкмнтАВЕКМНОРСТУХІЈЅαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ".unicodeScalars)
}
