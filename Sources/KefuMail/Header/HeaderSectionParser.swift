/// Splits a message (or MIME part) into its header fields and the offset where its body starts.
///
/// Tolerant of what real mailboxes hold: CRLF or bare LF, folded lines, an mbox "From " envelope
/// line on top, whitespace before the colon, and a header section that ends without a blank line
/// (the first line that is not a field starts the body).
enum HeaderSectionParser {
    struct Result {
        var header: MessageHeader
        /// Index into the input where the body begins (after the blank line).
        var bodyStart: Int
        /// True when the section ended at a line that was not a field instead of a blank line.
        var endedWithoutBlankLine: Bool
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, skippingEnvelope: Bool = false) -> Result {
        var header = MessageHeader()
        var position = start
        var pendingName: String?
        var pendingValue: [UInt8] = []
        var endedWithoutBlankLine = false

        func finishPending() {
            if let name = pendingName {
                while let last = pendingValue.last, last == 0x20 || last == 0x09 { pendingValue.removeLast() }
                header.append(HeaderField(name: name, value: pendingValue))
            }
            pendingName = nil
            pendingValue = []
        }

        // An mbox envelope line that slipped through is not a field.
        if skippingEnvelope, position < end, LineScanner.hasPrefix(bytes, position, end, "From ") {
            position = LineScanner.lineEnd(bytes, position, end).next
        }

        while position < end {
            let line = LineScanner.lineEnd(bytes, position, end)
            let contentEnd = line.contentEnd
            if contentEnd == position {
                position = line.next
                finishPending()
                return Result(header: header, bodyStart: position, endedWithoutBlankLine: false)
            }
            let first = bytes[position]
            if first == 0x20 || first == 0x09 {
                if pendingName != nil {
                    // Unfolding: the line break goes, the whitespace stays (RFC 5322 2.2.3).
                    pendingValue.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<contentEnd]))
                    position = line.next
                    continue
                }
                if header.fields.isEmpty {
                    // Leading whitespace before any field: skip the line.
                    position = line.next
                    continue
                }
            }
            guard let colon = fieldNameEnd(bytes, position, contentEnd) else {
                endedWithoutBlankLine = true
                break
            }
            finishPending()
            var nameEnd = colon
            while nameEnd > position, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            pendingName = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<nameEnd]), as: UTF8.self)
            var valueStart = colon + 1
            while valueStart < contentEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            pendingValue = Array(UnsafeBufferPointer(rebasing: bytes[valueStart..<contentEnd]))
            position = line.next
        }
        finishPending()
        return Result(header: header, bodyStart: position, endedWithoutBlankLine: endedWithoutBlankLine || position >= end)
    }

    /// The colon ending a field name, if the line starts with a valid one (printable ASCII,
    /// no spaces inside, optional whitespace before the colon).
    private static func fieldNameEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == 0x3A { return index > start ? index : nil }
            if byte == 0x20 || byte == 0x09 {
                var after = index
                while after < end, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
                return after < end && bytes[after] == 0x3A && index > start ? after : nil
            }
            if byte < 0x21 || byte > 0x7E { return nil }
            index += 1
        }
        return nil
    }
}
