/// Header values as text: raw bytes to a String, then RFC 2047 encoded words decoded.
///
/// RFC 5322 headers are ASCII, but real mail puts UTF-8 (RFC 6532) or a local charset straight
/// into them; the part's own charset is the best guess for the latter.
public enum HeaderText {
    public static func decode(_ raw: [UInt8], fallbackCharset: String? = nil) -> String {
        EncodedWordDecoder.decode(characters(raw, fallbackCharset: fallbackCharset))
    }

    /// The raw bytes as text, encoded words left as they are: for structured fields (address
    /// lists) whose parser decodes only the parts RFC 2047 allows, so text an encoded word
    /// decodes to can never become part of an address (found by fuzzing: an address holding a
    /// decoded word read differently once written back out and read again).
    public static func characters(_ raw: [UInt8], fallbackCharset: String? = nil) -> String {
        if let utf8 = TextDecoder.validUTF8(raw) { return utf8 }
        return TextDecoder.decode(raw, charset: fallbackCharset ?? "windows-1252").text
    }

    /// Collapses runs of whitespace (left by unfolding) into single spaces and trims the ends.
    static func collapseWhitespace(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
