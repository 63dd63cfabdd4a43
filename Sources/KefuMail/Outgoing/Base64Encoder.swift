/// Base64 (RFC 4648), optionally broken into CRLF lines for MIME bodies (RFC 2045: at most
/// 76 characters a line).
public enum Base64Encoder {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        String(decoding: encodeBytes(bytes, lineLength: nil), as: UTF8.self)
    }

    /// Encoded bytes; with `lineLength`, a CRLF after every `lineLength` characters and at the end.
    public static func encodeBytes(_ bytes: [UInt8], lineLength: Int?) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4 + bytes.count / 25 + 4)
        var column = 0
        var index = 0
        func emit(_ byte: UInt8) {
            output.append(byte)
            column += 1
            if let lineLength, column == lineLength {
                output.append(contentsOf: [0x0D, 0x0A])
                column = 0
            }
        }
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            emit(alphabet[Int(group >> 18 & 63)])
            emit(alphabet[Int(group >> 12 & 63)])
            emit(remaining > 1 ? alphabet[Int(group >> 6 & 63)] : 0x3D)
            emit(remaining > 2 ? alphabet[Int(group & 63)] : 0x3D)
            index += 3
        }
        if lineLength != nil, column > 0 { output.append(contentsOf: [0x0D, 0x0A]) }
        return output
    }
}
