import Foundation
import Glibc

/// The messages of an mbox file, read in 64 KiB chunks so memory stays flat however large the
/// file grows: only the message being assembled is held.
///
/// A message starts at a "From " line at the start of the file or after a blank line (mboxo
/// and mboxrd). The blank line before it belongs to the separator. Quoted body lines are
/// unquoted the mboxrd way: `>From ` becomes `From `, `>>From ` becomes `>From `; for mboxo
/// files this undoes the one level of quoting they have.
public struct MboxReader: Sequence {
    public let path: String
    public let maximumMessageBytes: Int

    public init(path: String, maximumMessageBytes: Int = MailLimits().maximumMessageBytes) throws(MailboxError) {
        let path = (path as NSString).expandingTildeInPath
        var status = stat()
        guard stat(path, &status) == 0 else { throw MailboxError.system(path, "cannot open", errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw MailboxError(location: path, reason: "not an mbox file")
        }
        self.path = path
        self.maximumMessageBytes = maximumMessageBytes
    }

    public func makeIterator() -> Iterator {
        Iterator(stream: MboxStream(path: path, maximumMessageBytes: maximumMessageBytes))
    }

    public struct Iterator: IteratorProtocol {
        let stream: MboxStream

        public mutating func next() -> Result<MailboxEntry, MailboxError>? {
            stream.next()
        }
    }
}

/// The file and the partly read chunk behind an `MboxReader` iteration.
final class MboxStream {
    private let path: String
    private let maximumMessageBytes: Int
    private var descriptor: Int32 = -1
    private var openError: Int32 = 0
    private var buffer: [UInt8] = []
    private var position = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private var endOfFile = false
    private var previousLineBlank = true
    private var pendingEnvelope: (offset: Int, line: [UInt8])?
    private var finished = false
    private static let chunkSize = 64 * 1024
    private var chunk = [UInt8](repeating: 0, count: chunkSize)

    init(path: String, maximumMessageBytes: Int) {
        self.path = path
        self.maximumMessageBytes = maximumMessageBytes
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { openError = errno }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func next() -> Result<MailboxEntry, MailboxError>? {
        if finished { return nil }
        if descriptor < 0 {
            finished = true
            return .failure(MailboxError.system(path, "cannot open", openError))
        }
        var message: [UInt8] = []
        var size = 0
        var start = pendingEnvelope?.offset ?? (bufferOffset + position)
        var envelope = pendingEnvelope?.line
        pendingEnvelope = nil
        var sawContent = envelope != nil
        var lastLineBlankLength = 0

        while true {
            let lineResult = nextLine()
            guard let line = lineResult else { break }
            if let error = line.error {
                finished = true
                return .failure(MailboxError.system(path, "cannot read", error))
            }
            let bytes = line.bytes
            let isEnvelope = previousLineBlank && bytes.starts(with: Self.fromPrefix)
            let blank = bytes == [0x0A] || bytes == [0x0D, 0x0A]
            previousLineBlank = blank
            if isEnvelope {
                if sawContent {
                    pendingEnvelope = (line.offset, bytes)
                    return .success(entry(message, size: size, separator: lastLineBlankLength, start: start, envelope: envelope))
                }
                envelope = bytes
                start = line.offset
                sawContent = true
                continue
            }
            sawContent = true
            lastLineBlankLength = blank ? bytes.count : 0
            var content = bytes[...]
            if content.first == 0x3E {
                let quotes = content.prefix { $0 == 0x3E }.count
                if content.dropFirst(quotes).starts(with: Self.fromPrefix) { content = content.dropFirst() }
            }
            size += content.count
            if message.count + content.count <= maximumMessageBytes + 1 {
                message.append(contentsOf: content)
            } else if message.count <= maximumMessageBytes {
                message.append(contentsOf: content.prefix(maximumMessageBytes + 1 - message.count))
            }
        }
        finished = true
        guard sawContent else { return nil }
        return .success(entry(message, size: size, separator: lastLineBlankLength, start: start, envelope: envelope))
    }

    private static let fromPrefix: [UInt8] = Array("From ".utf8)

    /// `separator`: the length of the blank line before the next envelope, which belongs to
    /// the separator rather than the message.
    private func entry(_ message: [UInt8], size: Int, separator: Int, start: Int, envelope: [UInt8]?) -> MailboxEntry {
        // The blank line before the next envelope is the separator's, also when the message was
        // cut at the limit (then it may lie beyond what was kept). An over-limit message keeps
        // one byte past the limit, so the parser refuses it as too large.
        var message = message
        let ownSize = size - separator
        if message.count > ownSize { message.removeLast(message.count - ownSize) }
        return MailboxEntry(
            id: "mbox:\(start)", location: "\(path):\(start)", bytes: message, byteCount: size - separator,
            receivedAt: envelope.flatMap(Self.envelopeDate))
    }

    /// The date on an envelope line, `From sender@example.com Mon Nov 23 08:15:00 2026`.
    static func envelopeDate(_ line: [UInt8]) -> Date? {
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count > 2 else { return nil }
        return MailDate.parse(words.dropFirst(2).joined(separator: " "))
    }

    private struct Line {
        var bytes: [UInt8]
        var offset: Int
        var error: Int32?
    }

    /// The next line including its line break, reading more of the file as needed.
    private func nextLine() -> Line? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                let line = Line(bytes: Array(buffer[position...newline]), offset: bufferOffset + position)
                position = newline + 1
                return line
            }
            if endOfFile {
                guard position < buffer.count else { return nil }
                let line = Line(bytes: Array(buffer[position...]), offset: bufferOffset + position)
                position = buffer.count
                return line
            }
            if let error = fill() { return Line(bytes: [], offset: bufferOffset + position, error: error) }
        }
    }

    /// Reads the next chunk into `chunk` and appends what came: growing `buffer` with
    /// `repeatElement(0, count:)` and trimming it back went element by element in unoptimised
    /// builds (about 300 ms per 64 KiB read in the fuzzer's AddressSanitizer build: 52 runs of the
    /// mbox target in 20 s); appending a slice of a byte array is one copy in every build.
    private func fill() -> Int32? {
        if position > 0 {
            buffer.removeFirst(position)
            bufferOffset += position
            position = 0
        }
        var got = 0
        repeat {
            got = chunk.withUnsafeMutableBytes { raw in
                Glibc.read(descriptor, raw.baseAddress!, Self.chunkSize)
            }
        } while got < 0 && errno == EINTR
        if got < 0 { return errno }
        if got == 0 { endOfFile = true } else { buffer.append(contentsOf: chunk[0..<got]) }
        return nil
    }
}
