import Foundation
import Glibc

/// Reads a whole small file with plain system calls: a Maildir import opens a hundred thousand
/// of them, and Foundation's per-file overhead would dominate the parse.
enum FileBytes {
    /// An errno value from a failed system call.
    struct Failure: Error {
        var code: Int32
    }

    struct Contents {
        var bytes: [UInt8]
        var size: Int
        var modified: Date
    }

    /// Reads up to `limit` bytes of the file at `path` (bytes: a file name need not be UTF-8);
    /// `size` reports the whole file's size.
    static func read(path: [UInt8], limit: Int) -> Result<Contents, Failure> {
        let descriptor = (path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        }
        guard descriptor >= 0 else { return .failure(Failure(code: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(Failure(code: errno)) }
        let size = Int(status.st_size)
        let wanted = min(size, limit)
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
            count = 0
            while count < wanted {
                let got = Glibc.read(descriptor, buffer.baseAddress! + count, wanted - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { break }
                count += got
            }
        }
        if failure != 0 { return .failure(Failure(code: failure)) }
        let modified = Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec) + TimeInterval(status.st_mtim.tv_nsec) / 1e9)
        return .success(Contents(bytes: bytes, size: max(size, bytes.count), modified: modified))
    }
}
