/// Base64 as found in mail: line breaks anywhere, stray characters, missing or extra padding.
/// Everything outside the alphabet is skipped; a trailing group of 2 or 3 characters still
/// yields its bytes, so a truncated attachment keeps what arrived.
public enum Base64Decoder {
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        // The URL-safe alphabet turns up in mail from web forms; accept it as well.
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    public static func decode<Bytes: Collection<UInt8>>(_ input: Bytes) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(input.count / 4 * 3 + 3)
        var accumulator: UInt32 = 0
        var count = 0
        let table = Self.table
        let body = { (buffer: UnsafeBufferPointer<UInt8>) in
            for byte in buffer {
                let value = table[Int(byte)]
                if value == 0xFF { continue }
                accumulator = accumulator << 6 | UInt32(value)
                count += 1
                if count == 4 {
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                    output.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator = 0
                    count = 0
                }
            }
        }
        if input.withContiguousStorageIfAvailable(body) == nil {
            Array(input).withUnsafeBufferPointer(body)
        }
        switch count {
        case 2:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            break
        }
        return output
    }
}
