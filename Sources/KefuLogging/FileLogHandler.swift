import Foundation
import Logging

/// A swift-log handler that appends one line per record to a file (mode 0600: the log sits
/// beside customer data even though it holds none). Lines are `TIME LEVEL LABEL: message
/// key=value ...`, written with one `write(2)` on an `O_APPEND` descriptor, so several kefu
/// processes can share the file without interleaving within a line.
public struct FileLogHandler: LogHandler {
    /// The open log file, shared by every logger of the process.
    final class Sink: @unchecked Sendable {
        let descriptor: Int32
        let lock = NSLock()

        init?(path: String) {
            let folder = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { return nil }
        }

        func write(_ line: String) {
            var bytes = Array(line.utf8)
            bytes.append(0x0A)
            lock.lock()
            defer { lock.unlock() }
            _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        }
    }

    let label: String
    let sink: Sink
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    init(label: String, sink: Sink, level: Logger.Level) {
        self.label = label
        self.sink = sink
        logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\(LogRedaction.redact("\($0.value)"))" }
        let time = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        let message = LogRedaction.redact("\(event.message)")
        sink.write(([time, event.level.rawValue.uppercased(), "\(label)[\(getpid())]:", message] + fields).joined(separator: " "))
    }
}
