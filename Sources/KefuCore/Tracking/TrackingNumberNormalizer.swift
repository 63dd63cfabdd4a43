import Foundation

/// Turns what a buyer or agent pasted into the canonical form every scheme is checked against:
/// no spaces or dashes, ASCII upper case. `" rb 123-456-785 gb"` becomes `"RB123456785GB"`.
///
/// Numbers copied from Chinese-language systems often arrive in full-width forms
/// (`"ＲＢ１２３"`), and from word processors with non-breaking spaces or typographic dashes; those
/// are folded too, so the agent never has to retype a number the buyer sent.
public enum TrackingNumberNormalizer {
    /// Longest normalised number any scheme is compared against. The longest shipped shape is
    /// USPS IMpb with a 420+ZIP9 routing prefix (34 digits); 64 leaves room for user schemes.
    public static let maximumLength = 64
    /// Shortest normalised text treated as a possible tracking number: anything shorter (an
    /// order line number, "n/a") is malformed rather than sent to the universal tracker.
    public static let minimumLength = 6

    /// The canonical form of `raw` (may contain characters no scheme accepts; detection decides).
    public static func normalize(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            if isSeparator(scalar) { continue }
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }  // full-width ASCII forms
            if (0x61...0x7A).contains(value) { value -= 0x20 }  // a-z to A-Z
            scalars.append(Unicode.Scalar(value) ?? scalar)
        }
        return String(scalars)
    }

    /// The fast path for plain ASCII input: writes the canonical bytes into `output` and returns
    /// how many were written, or nil when `input` holds non-ASCII bytes or the result would not
    /// fit (the caller then takes the general path above).
    @inline(__always)
    static func normalizeASCII(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var count = 0
        for byte in input {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"), 0x09...0x0D:  // space, dash, tab, line breaks, VT, FF
                continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard count < output.count else { return nil }
                output[count] = byte &- 0x20
                count &+= 1
            case 0x80...:
                return nil
            default:
                guard count < output.count else { return nil }
                output[count] = byte
                count &+= 1
            }
        }
        return count
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2010...0x2015, 0x2212, 0xFE63, 0xFF0D: return true  // hyphens, dashes, minus signs
        default: return scalar.properties.isWhitespace
        }
    }
}
