import Foundation

/// Lines of a file or pipe, pulled a chunk at a time, so a large export never has to fit in
/// memory. Invalid UTF-8 is kept visible as U+FFFD so the line is reported, not lost. Line
/// numbers count from 1 and include blank lines.
public final class LineChunks {
    private let handle: FileHandle
    private var pending: [UInt8] = []
    /// Where the unread part of `pending` starts: lines are taken by moving it, and the buffer is
    /// compacted only when more is read (removing each line from the front moved the whole buffer).
    private var cursor = 0
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
            if let newline = pending[cursor...].firstIndex(of: 0x0A) {
                number += 1
                lines.append((number, Substring(String(decoding: pending[cursor..<newline], as: UTF8.self))))
                cursor = newline + 1
                continue
            }
            if atEnd {
                if cursor < pending.count {
                    number += 1
                    lines.append((number, Substring(String(decoding: pending[cursor...], as: UTF8.self))))
                    cursor = pending.count
                }
                break
            }
            pending.removeSubrange(0..<cursor)
            cursor = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true } else { pending.append(contentsOf: chunk) }
        }
        return lines
    }
}
