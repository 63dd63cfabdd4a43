import Foundation

/// A password in a `postgres://user:password@host/db` URL given on the command line is
/// blanked in the process's own argument memory as soon as kefu has read its arguments, so
/// `ps` and `/proc/PID/cmdline` show `user:******@host` for as long as the console runs
/// (as the mysql client does). It was visible for the moment before: README recommends
/// `PGPASSWORD` or `~/.pgpass` for that reason.
enum ArgumentPasswords {
    static func hide() {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeMutableBufferPointer(
                start: UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            guard let range = passwordRange(in: Array(bytes)) else { continue }
            for position in range { bytes[position] = UInt8(ascii: "*") }
        }
    }

    /// Where the password is in `…scheme://user:password@host…` (the text may start with
    /// `--db=`), nil when there is none.
    static func passwordRange(in bytes: [UInt8]) -> Range<Int>? {
        let marker = Array("://".utf8)
        guard let schemeEnd = (0...max(0, bytes.count - marker.count)).first(where: { bytes.count >= marker.count && Array(bytes[$0..<$0 + marker.count]) == marker })
        else { return nil }
        let start = schemeEnd + marker.count
        let authorityEnd = bytes[start...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? bytes.count
        guard let at = bytes[start..<authorityEnd].lastIndex(of: UInt8(ascii: "@")),
              let colon = bytes[start..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at else { return nil }
        return (colon + 1)..<at
    }
}
