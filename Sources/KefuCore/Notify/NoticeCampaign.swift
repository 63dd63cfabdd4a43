import Foundation

/// A campaign: the one name under which a notice run queues its notices, so that running it
/// again after a crash (or twice) queues nobody twice. `--name` gives it; else it is derived
/// from the template and the selection, which gives the same id for the same command.
///
///     NoticeCampaign.derived(template: "parcel-in-transit", selection: .segment("at risk"))
///     // "parcel-in-transit.segment-at-risk"
///     NoticeCampaign.key(campaign: "spring", recipient: .customer(12))   // "notify:spring:C12"
public enum NoticeCampaign {
    /// Checks a name given with `--name`: 1-64 ASCII letters, digits, `-`, `_` or `.`.
    public static func validated(_ name: String) -> String? {
        guard (1...64).contains(name.count),
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        else { return nil }
        return name
    }

    public static func derived(template: String, selection: NoticeSelection) -> String {
        String((slug(template) + "." + selection.campaignPart).prefix(120))
    }

    /// The conversation of one recipient's notice, and the idempotency key of its reply (the
    /// same text: one notice per recipient and campaign).
    public static func key(campaign: String, recipient: NoticeRecipient.Key) -> String {
        "notify:\(campaign):\(recipient)"
    }

    /// Lower-case ASCII letters and digits, other runs as one `-`; at most 40 characters.
    public static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != "-" {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "x" : String(out.prefix(40))
    }

    /// FNV-1a over the UTF-8 bytes as 8 hex digits: the same on every run and machine (Swift's
    /// `Hasher` is seeded per process).
    public static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(String(hash, radix: 16).suffix(8))
    }
}
