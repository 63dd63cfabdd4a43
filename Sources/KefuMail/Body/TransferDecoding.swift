/// Undoes a part's Content-Transfer-Encoding. 7bit, 8bit and binary are identity; an unknown
/// encoding is passed through as it is, with a note, rather than refusing the message.
enum TransferDecoding {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, encoding: String, notes: inout [String]) -> [UInt8] {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        switch encoding {
        case "base64":
            return Base64Decoder.decode(slice)
        case "quoted-printable":
            return QuotedPrintableDecoder.decode(slice)
        case "7bit", "8bit", "binary", "":
            return Array(slice)
        default:
            notes.append("unknown Content-Transfer-Encoding \"\(encoding.prefix(40))\"; body kept as it is")
            return Array(slice)
        }
    }
}
