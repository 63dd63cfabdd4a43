import Foundation

/// Lines of a file or pipe, pulled a chunk at a time, so a large export never has to fit in
/// memory. Invalid UTF-8 is kept visible as U+FFFD so the line is reported, not lost. Line
/// numbers count from 1 and include blank lines.
public final class LineChunks {
    private let handle: FileHandle
    private var pending = Data()
    private var atEnd = false
    private var number = 0

    public init(handle: FileHandle) {
        self.handle = handle
    }

    /// Up to `limit` lines with their numbers, without their line ends; empty at the end.
    public func next(limit: Int) -> [(number: Int, text: Substring)] {
        var lines: [(number: Int, text: Substring)] = []
        lines.reserveCapacity(limit)
        while lines.count < limit {
            if let newline = pending.firstIndex(of: 0x0A) {
                number += 1
                lines.append((number, Substring(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))))
                pending.removeSubrange(pending.startIndex...newline)
                continue
            }
            if atEnd {
                if !pending.isEmpty {
                    number += 1
                    lines.append((number, Substring(String(decoding: pending, as: UTF8.self))))
                    pending.removeAll()
                }
                break
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true } else { pending.append(chunk) }
        }
        return lines
    }
}
