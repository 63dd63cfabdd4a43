/// Quoted-printable (RFC 2045 6.7) and the Q encoding of RFC 2047 (where `_` is a space).
///
/// Lenient as RFC 2045 suggests: soft line breaks with CRLF or LF (and trailing whitespace
/// before them), lowercase hex, and an `=` not followed by two hex digits kept as it is.
/// Line breaks in the output are LF; trailing whitespace on lines is transport padding and goes.
public enum QuotedPrintableDecoder {
    public static func decode<Bytes: Collection<UInt8>>(_ input: Bytes, underscoreIsSpace: Bool = false) -> [UInt8] {
        if let result = input.withContiguousStorageIfAvailable({ decode(buffer: $0, underscoreIsSpace: underscoreIsSpace) }) {
            return result
        }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0, underscoreIsSpace: underscoreIsSpace) }
    }

    private static func decode(buffer: UnsafeBufferPointer<UInt8>, underscoreIsSpace: Bool) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(buffer.count)
        var index = 0
        let end = buffer.count
        // Trailing literal whitespace is transport padding; "=20" before a line break is not.
        var literalWhitespace = 0
        while index < end {
            let byte = buffer[index]
            switch byte {
            case 0x3D: // "="
                if let high = hex(buffer, index + 1, end), let low = hex(buffer, index + 2, end) {
                    output.append(high << 4 | low)
                    literalWhitespace = 0
                    index += 3
                    continue
                }
                // Soft line break: "=" then optional whitespace then CRLF or LF (or the end).
                literalWhitespace = 0
                var look = index + 1
                while look < end, buffer[look] == 0x20 || buffer[look] == 0x09 { look += 1 }
                if look == end { index = end; continue }
                if buffer[look] == 0x0A { index = look + 1; continue }
                if buffer[look] == 0x0D, look + 1 < end, buffer[look + 1] == 0x0A { index = look + 2; continue }
                if buffer[look] == 0x0D { index = look + 1; continue }
                output.append(byte)
                literalWhitespace = 0
                index += 1
            case 0x5F where underscoreIsSpace:
                output.append(0x20)
                literalWhitespace = 0
                index += 1
            case 0x0D, 0x0A:
                output.removeLast(literalWhitespace)
                literalWhitespace = 0
                if byte == 0x0D, index + 1 < end, buffer[index + 1] == 0x0A { index += 1 }
                output.append(0x0A)
                index += 1
            default:
                output.append(byte)
                literalWhitespace = byte == 0x20 || byte == 0x09 ? literalWhitespace + 1 : 0
                index += 1
            }
        }
        return output
    }

    private static func hex(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> UInt8? {
        guard index < end else { return nil }
        switch buffer[index] {
        case 0x30...0x39: return buffer[index] - 0x30
        case 0x41...0x46: return buffer[index] - 0x41 + 10
        case 0x61...0x66: return buffer[index] - 0x61 + 10
        default: return nil
        }
    }
}
