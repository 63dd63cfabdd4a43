import Foundation
import Glibc

/// A write that found no room: the disk or the user's quota is full, or the process's file
/// size limit (`ulimit -f`) was reached. Said the way the store's own full-disk error is
/// (`StoreWriteFailure`), naming what could not be written and what was kept, so a user knows
/// that freeing space and running the command again finishes the work (imports and deliveries
/// are idempotent: the second run adds or hands over only what the first did not).
///
///     cannot write the evidence store at /srv/kefu/k-evidence: the disk is full or a file size
///     limit was reached (File too large). The batch of messages in progress was not stored;
///     everything stored before it is kept. Free some space and run the command again.
public struct OutOfSpace: Error, Sendable, Hashable, CustomStringConvertible {
    /// What could not be written, in words: `the evidence store`, `the delivery spool`.
    public var writing: String
    public var path: String
    /// The system's error number (ENOSPC, EFBIG, EDQUOT), when a system call said it.
    public var systemError: Int32?
    /// What was kept and what was not, for the user (empty until the caller that knows says it).
    public var consequence: String

    public init(writing: String, path: String, systemError: Int32?, consequence: String = "") {
        self.writing = writing
        self.path = path
        self.systemError = systemError
        self.consequence = consequence
    }

    /// The error numbers that mean no room: ENOSPC, EFBIG (a write past RLIMIT_FSIZE with
    /// SIGXFSZ ignored) and EDQUOT.
    public static let errors: Set<Int32> = [ENOSPC, EFBIG, EDQUOT]

    public var description: String {
        let system = systemError.map { " (\(String(cString: strerror($0))))" } ?? ""
        return "cannot write \(writing) at \(path): the disk is full or a file size limit was reached\(system). "
            + (consequence.isEmpty ? "" : consequence + " ") + "Free some space and run the command again."
    }
}
