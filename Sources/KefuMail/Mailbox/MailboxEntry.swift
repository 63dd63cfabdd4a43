import Foundation

/// One message as a mailbox holds it, before parsing.
public struct MailboxEntry: Sendable, Hashable {
    /// Stable within the mailbox: the Maildir unique name (without flags, so a message moved
    /// from new/ to cur/ keeps it), or `mbox:<byte offset>`.
    public var id: String
    /// Where to find it again, for the quarantine list: a file path, or `path:offset`.
    public var location: String
    /// The message bytes (cut at the reader's size limit; see `byteCount`).
    public var bytes: [UInt8]
    /// The message's true size, which exceeds `bytes.count` when it was cut.
    public var byteCount: Int
    /// Delivery time: the file's modification time, or the mbox envelope line's date.
    public var receivedAt: Date?

    public init(id: String, location: String, bytes: [UInt8], byteCount: Int? = nil, receivedAt: Date? = nil) {
        self.id = id
        self.location = location
        self.bytes = bytes
        self.byteCount = byteCount ?? bytes.count
        self.receivedAt = receivedAt
    }

    public var isTruncated: Bool { byteCount > bytes.count }
}

/// A mailbox, or one message in it, that could not be read from disk.
public struct MailboxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: String
    public var reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }

    static func system(_ location: String, _ action: String, _ code: Int32) -> MailboxError {
        MailboxError(location: location, reason: "\(action): \(String(cString: strerror(code)))")
    }
}
