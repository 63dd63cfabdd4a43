/// Why a file could not be taken into (or read back from) the evidence store. Says which file
/// and what was wrong, in words an agent can act on; `code` is for callers that branch on it.
public struct EvidenceError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// No file at that path.
        case missing
        /// A folder, device, socket...: only regular files are evidence.
        case notARegularFile
        /// The file exists but cannot be opened or read (permissions, I/O error).
        case unreadable
        /// Larger than the store's configured limit.
        case tooLarge
        /// The store's own folder could not be created or written (disk full, permissions).
        case storeUnwritable
        /// A stored object no longer matches its hash.
        case corrupted
    }

    public var code: Code
    public var path: String
    public var reason: String

    public init(_ code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
