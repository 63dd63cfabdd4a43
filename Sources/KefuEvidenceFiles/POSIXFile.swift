import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few system calls the evidence store needs, with EINTR retried and errno turned into
/// text. Foundation's file APIs hide fsync and O_EXCL, and those are what make a copy safe
/// against a crash.
enum POSIXFile {
    /// A failed call's errno.
    struct Errno: Error, Sendable, Equatable {
        var code: Int32

        init(_ code: Int32) {
            self.code = code
        }
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Opens or fails with errno.
    static func openFile(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Result<Int32, Errno> {
        while true {
            let descriptor = flags & O_CREAT != 0 ? open(path, flags, mode) : open(path, flags)
            if descriptor >= 0 { return .success(descriptor) }
            if errno != EINTR { return .failure(Errno(errno)) }
        }
    }

    /// Reads up to `buffer.count` bytes; 0 at end of file.
    static func readChunk(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return .success(count) }
            if errno != EINTR { return .failure(Errno(errno)) }
        }
    }

    /// Writes all of `bytes`, looping over short writes.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    static func syncFile(_ descriptor: Int32) -> Int32? {
        while fsync(descriptor) != 0 {
            if errno != EINTR { return errno }
        }
        return nil
    }

    /// Makes a rename or a new directory entry durable: fsync the directory that holds it.
    static func syncDirectory(_ path: String) -> Int32? {
        switch openFile(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) {
        case .failure(let error): return error.code
        case .success(let descriptor):
            defer { close(descriptor) }
            return syncFile(descriptor)
        }
    }

    /// Creates a directory; an existing one is fine. Returns whether it was created.
    static func makeDirectory(_ path: String, mode: mode_t = 0o700) -> Result<Bool, Errno> {
        if mkdir(path, mode) == 0 { return .success(true) }
        if errno == EEXIST { return .success(false) }
        return .failure(Errno(errno))
    }

    static func fileStatus(_ path: String) -> Result<stat, Errno> {
        var info = stat()
        return stat(path, &info) == 0 ? .success(info) : .failure(Errno(errno))
    }

    static func isProcessAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
