import Foundation

/// The confusable skeleton of Unicode Technical Standard #39: two strings that look alike
/// have the same skeleton (`аmazon` with a Cyrillic а, `arnazon` and `amaz0n` all give
/// `arnazon`). The table is ICU's own (`ConfusableData.swift`, generated from ICU's uspoof by
/// `tools/confusables/generate.sh`), so Kefu needs no C library at run time.
///
///     ConfusableSkeleton.of("pаypa1") == ConfusableSkeleton.of("paypal")   // true
///
/// Host names are compared without case, so the skeleton is lowercased on both sides of the
/// mapping (UTS #39 itself is case-sensitive: `0` maps to `O`).
public enum ConfusableSkeleton {
    /// Code point to skeleton, parsed once from `data`.
    static let table: [UInt32: [Unicode.Scalar]] = {
        var table: [UInt32: [Unicode.Scalar]] = [:]
        table.reserveCapacity(5_300)
        for line in data.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let key = fields.first.flatMap({ UInt32($0, radix: 16) }) else { continue }
            table[key] = fields.dropFirst().compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
        }
        return table
    }()

    /// The lowercased skeleton of `text`.
    public static func of(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "%") && $0 != UInt8(ascii: "`") }) {
            return asciiSkeleton(text)
        }
        // UTS #39: NFD, map every code point, NFD again.
        let decomposed = text.lowercased().decomposedStringWithCanonicalMapping
        var mapped = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            if let skeleton = table[scalar.value] { mapped.append(contentsOf: skeleton) } else { mapped.append(scalar) }
        }
        return String(mapped).decomposedStringWithCanonicalMapping.lowercased()
    }

    /// The ASCII part of the table, without a dictionary look-up per letter: `0` → `o`,
    /// `1` `I` `|` → `l`, `m` → `rn` (the other ASCII entries, `"` `%` `` ` ``, take the long way).
    private static func asciiSkeleton(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 4)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0"), UInt8(ascii: "O"): out.append(UInt8(ascii: "o"))
            case UInt8(ascii: "1"), UInt8(ascii: "I"), UInt8(ascii: "|"), UInt8(ascii: "L"): out.append(UInt8(ascii: "l"))
            case UInt8(ascii: "m"), UInt8(ascii: "M"): out.append(contentsOf: [UInt8(ascii: "r"), UInt8(ascii: "n")])
            case 0x41...0x5A: out.append(byte + 0x20)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
