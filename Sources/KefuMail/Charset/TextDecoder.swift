import Foundation

/// Turns bytes in a declared charset into a String, always: bad bytes become U+FFFD and an
/// unknown charset falls back to UTF-8 (when the bytes are valid UTF-8) or Windows-1252, with a
/// note saying so, because a message in an odd charset is still a customer waiting for an answer.
public enum TextDecoder {
    /// Decoded text plus a note when the result is a guess or was repaired.
    public struct Decoded: Sendable, Hashable {
        public var text: String
        public var note: String?
    }

    /// Decodes `bytes` labelled `charset` (nil: no label, so UTF-8 if valid, else Windows-1252).
    public static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, charset: String?) -> Decoded {
        guard let charset else { return decodeUnlabelled(bytes) }
        switch CharsetName.resolve(charset) {
        case .utf8:
            if let text = validUTF8(bytes) { return Decoded(text: text, note: nil) }
            // ASCII labels on 8-bit text are common; honest UTF-8 failures are repaired below.
            let lowered = charset.lowercased()
            if lowered.contains("ascii") || lowered.isEmpty {
                return decodeUnlabelled(bytes)
            }
            return Decoded(text: String(decoding: Array(bytes), as: UTF8.self), note: "invalid UTF-8 bytes replaced")
        case .iconv(let name):
            if isASCII(bytes), !name.hasPrefix("UTF-16"), !name.hasPrefix("UTF-32"), !name.hasPrefix("ISO-2022"), name != "HZ", !name.hasPrefix("UTF-7") {
                return Decoded(text: String(decoding: Array(bytes), as: UTF8.self), note: nil)
            }
            if let conversion = Iconv.convert(bytes, from: name, to: "UTF-8") {
                let text = String(decoding: conversion.bytes, as: UTF8.self)
                let note = conversion.replacements > 0 ? "\(conversion.replacements) byte(s) not valid in \(charset) replaced" : nil
                return Decoded(text: text, note: note)
            }
            var fallback = decodeUnlabelled(bytes)
            fallback.note = "unknown charset \"\(charset)\"; decoded as \(fallback.note == nil ? "UTF-8" : "Windows-1252") (best effort)"
            return fallback
        }
    }

    /// UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252 (never fails).
    public static func decodeUnlabelled<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Decoded {
        if let text = validUTF8(bytes) { return Decoded(text: text, note: nil) }
        let conversion = Iconv.convert(bytes, from: "WINDOWS-1252", to: "UTF-8")
        let text = conversion.map { String(decoding: $0.bytes, as: UTF8.self) } ?? String(decoding: Array(bytes), as: UTF8.self)
        return Decoded(text: text, note: "8-bit text without a charset; decoded as Windows-1252")
    }

    static func validUTF8<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        if let text = bytes.withContiguousStorageIfAvailable({ String(validating: $0, as: UTF8.self) }) { return text }
        return String(validating: Array(bytes), as: UTF8.self)
    }

    static func isASCII<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        if let result = bytes.withContiguousStorageIfAvailable({ buffer in buffer.allSatisfy { $0 < 0x80 } }) { return result }
        return bytes.allSatisfy { $0 < 0x80 }
    }
}
