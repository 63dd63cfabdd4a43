import Foundation
import KefuMail

/// Splitting an mbox file into messages. Every message read lies inside the file, none is
/// kept past the limit and one byte, and reading the same file twice gives the same messages.
enum MboxSplitFuzz {
    static let target = FuzzTarget("mbox") { bytes throws(FuzzFailure) in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-fuzz-mbox-\(getpid())").path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw FuzzFailure("cannot write the scratch file")
        }
        defer { unlink(path) }
        func split() throws(FuzzFailure) -> [MailboxEntry] {
            guard let reader = try? MboxReader(path: path, maximumMessageBytes: 4096) else { throw FuzzFailure("cannot open the scratch file") }
            var entries: [MailboxEntry] = []
            for result in reader {
                guard case .success(let entry) = result else { continue }
                entries.append(entry)
            }
            return entries
        }
        let first = try split()
        var total = 0
        for entry in first {
            // Kept whole up to the limit; past it, the limit and one byte (so it is refused as too large).
            try require(entry.bytes.count == min(entry.byteCount, 4096 + 1),
                        "a message of \(entry.byteCount) bytes was returned with \(entry.bytes.count) (limit 4096)")
            try require(entry.byteCount >= entry.bytes.count, "a message says it is smaller than its bytes")
            total += entry.bytes.count
        }
        try require(total <= bytes.count, "the messages hold more bytes (\(total)) than the file (\(bytes.count))")
        try require(Set(first.map(\.id)).count == first.count, "two messages of one file share an id")
        let second = try split()
        try require(second == first, "reading the same file twice gave different messages")
    }
}
