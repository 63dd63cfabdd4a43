/// Maps the charset labels found in mail to the name iconv should use.
///
/// Labels are messy ("GB2312", "x-gbk", "ks_c_5601-1987", "latin1", "\"utf-8\""), and several
/// name a charset that senders routinely exceed: mail labelled GB2312 carries GBK characters,
/// Shift_JIS carries Microsoft's extensions, ISO-8859-1 carries Windows-1252 quotes. Decoding
/// with the superset shows those characters instead of replacement marks, as browsers do.
public enum CharsetName {
    /// What a label means for decoding.
    public enum Resolved: Sendable, Hashable {
        /// UTF-8 (or ASCII, its subset): decoded natively, without iconv.
        case utf8
        /// A charset to hand to iconv, by its iconv name.
        case iconv(String)
    }

    public static func resolve(_ label: String) -> Resolved {
        var name = label.trimmingCharacters(in: [" ", "\t", "\"", "'"]).lowercased()
        // RFC 2231 allows a language after the charset in encoded words: "utf-8*en".
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        switch name {
        case "", "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "unicode-1-1-utf-8", "x-unknown", "unknown-8bit":
            return .utf8
        case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb18030", "euc-cn", "x-euc-cn", "csgb2312", "gb_2312-80", "chinese", "hz-gb-2312":
            return name == "hz-gb-2312" ? .iconv("HZ") : .iconv("GB18030")
        case "big5", "x-big5", "cn-big5", "csbig5", "big5-hkscs", "cp950", "windows-950", "x-x-big5":
            return .iconv("BIG5-HKSCS")
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "ms932", "x-ms-cp932":
            return .iconv("CP932")
        case "iso-2022-jp", "csiso2022jp", "iso-2022-jp-2", "iso-2022-jp-1":
            return .iconv("ISO-2022-JP-2")
        case "euc-jp", "x-euc-jp", "cseucpkdfmtjapanese":
            return .iconv("EUC-JP-MS")
        case "euc-kr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "cp949", "windows-949", "x-windows-949", "uhc", "korean", "csksc56011987":
            return .iconv("CP949")
        case "koi8-r", "koi8r", "cskoi8r", "koi8":
            return .iconv("KOI8-R")
        case "koi8-u", "koi8u":
            return .iconv("KOI8-U")
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819", "iso-ir-100", "windows-1252", "cp1252", "x-cp1252":
            return .iconv("WINDOWS-1252")
        case "tis-620", "windows-874", "cp874":
            return .iconv("CP874")
        default:
            break
        }
        if let suffix = number(after: ["windows-", "cp", "x-cp", "win-", "win"], in: name), (1250...1258).contains(suffix) {
            return .iconv("WINDOWS-\(suffix)")
        }
        if let suffix = number(after: ["iso-8859-", "iso8859-", "iso_8859-", "iso8859_", "iso-8859_"], in: name), (1...16).contains(suffix) {
            return .iconv(suffix == 9 ? "WINDOWS-1254" : "ISO-8859-\(suffix)")
        }
        if let suffix = number(after: ["latin"], in: name) {
            let latinToISO = [1: 1, 2: 2, 3: 3, 4: 4, 5: 9, 6: 10, 7: 13, 8: 14, 9: 15, 10: 16]
            if let iso = latinToISO[suffix] { return .iconv("ISO-8859-\(iso)") }
        }
        return .iconv(name.uppercased())
    }

    private static func number(after prefixes: [String], in name: String) -> Int? {
        for prefix in prefixes where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count == rest.count || rest.dropFirst(digits.count).hasPrefix(":") {
                return Int(digits)
            }
        }
        return nil
    }
}
