#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
    /// The system's error number when a system call failed (`ENOSPC`, `EFBIG`...), else nil.
    public var systemError: Int32?

    public init(_ code: Code, path: String, reason: String, systemError: Int32? = nil) {
        self.code = code
        self.path = path
        self.reason = reason
        self.systemError = systemError
    }

    /// The store could not be written because there is no room: the disk (or the user's quota)
    /// is full, or the process's file size limit (`ulimit -f`) was reached. Not the file's
    /// fault: an import stops there instead of quarantining the message that carried it.
    public var isOutOfSpace: Bool {
        code == .storeUnwritable && systemError.map(EvidenceError.outOfSpaceErrors.contains) == true
    }

    /// ENOSPC, EFBIG (a write past RLIMIT_FSIZE with SIGXFSZ ignored) and EDQUOT.
    public static let outOfSpaceErrors: Set<Int32> = [ENOSPC, EFBIG, EDQUOT]

    public var description: String { "\(path): \(reason)" }
}
