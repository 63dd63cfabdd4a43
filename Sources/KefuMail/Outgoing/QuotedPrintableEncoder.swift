/// Quoted-printable for outgoing bodies (RFC 2045 6.7): lines of at most 76 characters, soft
/// breaks that never split an `=XX`, trailing spaces encoded, and "From " at a line start
/// encoded as "=46rom " so no mbox on the way can mangle it. Input lines end in LF; output in CRLF.
public enum QuotedPrintableEncoder {
    public static func encode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            let bytes = Array(line.utf8)
            var column = 0
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                var token: [UInt8]
                if index == 0, byte == 0x46, bytes.starts(with: Array("From ".utf8)) {
                    token = escape(byte)
                } else if byte == 0x20 || byte == 0x09 {
                    token = isLast ? escape(byte) : [byte]
                } else if byte >= 0x21, byte <= 0x7E, byte != 0x3D {
                    token = [byte]
                } else {
                    token = escape(byte)
                }
                // Leave room for the soft break "=" unless this is the line's last token.
                let limit = isLast ? 76 : 75
                if column + token.count > limit {
                    output.append(contentsOf: [0x3D, 0x0D, 0x0A])
                    column = 0
                }
                output.append(contentsOf: token)
                column += token.count
            }
            if number < lines.count - 1 { output.append(contentsOf: [0x0D, 0x0A]) }
        }
        return output
    }

    private static func escape(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [0x3D, digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
}
