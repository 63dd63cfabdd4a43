import Foundation
import Glibc

/// A real SMTP server on loopback (aiosmtpd, `CrashLoop.smtpSink`) writing every message it
/// takes into `folder/received`, and an msmtp configuration that sends to it: what the
/// delivery benchmarks hand replies to. Stopped with `stop()`.
final class LoopbackMailServer {
    let port: Int
    let received: String
    /// `-C FILE` for msmtp, as kefu.yaml's `sendmail:` list gives it.
    let msmtprc: String
    private let process = Process()

    /// Fails with `unavailable` (the words to print) when the server does not start.
    init(folder: String, unavailable: (String) -> Error) throws {
        port = CrashLoop.freePort()
        received = folder + "/received"
        try CrashLoop.smtpSink.write(toFile: folder + "/sink.py", atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [folder + "/sink.py", "\(port)", received]
        let ready = Pipe()
        process.standardOutput = ready
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard String(decoding: ready.fileHandleForReading.availableData, as: UTF8.self).contains("ready") else {
            process.terminate()
            process.waitUntilExit()
            throw unavailable("the SMTP server did not start (needs Debian's python3-aiosmtpd)")
        }
        msmtprc = folder + "/msmtprc"
        try "defaults\nauth off\ntls off\nsyslog off\naccount default\nhost 127.0.0.1\nport \(port)\nfrom support@shop.example\n"
            .write(toFile: msmtprc, atomically: true, encoding: .utf8)
        chmod(msmtprc, 0o600)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
