import Glibc

/// Line handling over raw bytes that accepts CRLF, bare LF and a final line without either.
enum LineScanner {
    struct Line {
        /// Index just past the line's content (before CR LF or LF).
        var contentEnd: Int
        /// Index of the next line.
        var next: Int
    }

    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Line {
        var index = start
        if let base = bytes.baseAddress, start < end,
           let found = memchr(base + start, 0x0A, end - start) {
            index = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
        } else {
            index = end
        }
        if index >= end { return Line(contentEnd: end, next: end) }
        let contentEnd = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
        return Line(contentEnd: contentEnd, next: index + 1)
    }

    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard end - start >= count else { return false }
        let pointer = prefix.utf8Start
        for offset in 0..<count where bytes[start + offset] != pointer[offset] { return false }
        return true
    }
}
