import Foundation
import Glibc
import KefuCore
import KefuStore

extension CrashLoop {
    /// aiosmtpd on loopback writing each message it accepts into `new/`, fsynced first.
    static let smtpSink = """
        import itertools, os, signal, sys
        from aiosmtpd.controller import Controller
        counter = itertools.count(1)
        class Sink:
            async def handle_DATA(self, server, session, envelope):
                name = "%d.%d.sink" % (os.getpid(), next(counter))
                tmp = os.path.join(sys.argv[2], "tmp", name)
                with open(tmp, "wb") as f:
                    f.write(envelope.original_content)
                    f.flush()
                    os.fsync(f.fileno())
                os.rename(tmp, os.path.join(sys.argv[2], "new", name))
                return "250 OK"
        for sub in ("tmp", "new"):
            os.makedirs(os.path.join(sys.argv[2], sub), exist_ok=True)
        controller = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
        controller.start()
        print("ready", flush=True)
        signal.sigwait({signal.SIGTERM, signal.SIGINT})
        controller.stop()
        """

    static func freePort() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The Message-IDs the server received, with how often each came.
    static func received(_ folder: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder + "/new")) ?? [] {
            guard let data = FileManager.default.contents(atPath: folder + "/new/" + name) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            guard let line = text.split(separator: "\r\n").first(where: { $0.hasPrefix("Message-ID: <") }) else { continue }
            counts[String(line.dropFirst("Message-ID: <".count).dropLast()), default: 0] += 1
        }
        return counts
    }

    /// Handoff processes of this loop's store (their command line names its spool folder).
    static func handoffs(spool: String) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(pid_t.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.contains("--handoff") && words.contains(spool)
        }
    }

    mutating func deliver(rounds: Int) throws -> Report {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/msmtp") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/msmtp") else {
            throw CrashLoopError("deliver needs msmtp (Debian: msmtp)")
        }
        let folder = root + "/deliver"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let mail = try LoopbackMailServer(folder: folder) { CrashLoopError($0) }
        defer { mail.stop() }
        let msmtprc = mail.msmtprc
        let config = folder + "/kefu.yaml"
        try """
            mail:
              from: "Shop Team <support@shop.example>"
              sendmail: [msmtp, -C, "\(msmtprc)", -t, -i]
              utc_offset: "+08:00"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let environment = ["KEFU_CONFIG": config]
        let database = folder + "/k.sqlite"
        let spool = folder + "/outbox-spool"
        let mailbox = folder + "/maildir"
        try SyntheticMaildir.write(count: 40, to: mailbox)
        try runToEnd(["import", "maildir", mailbox, "--db", database], environment: environment)
        let store = try SQLiteTicketStore(path: database, policy: try MailImportBenchmark.policy())
        let tickets = try store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 1000)
            // One synthetic sender's From is broken (its encoded word wraps onto a bare line): no address to reply to.
            .filter { $0.customerAddress.contains("@") }.map(\.id)
        guard !tickets.isEmpty else { throw CrashLoopError("the synthetic mailbox gave no tickets") }

        var failures: [String] = []
        var landed = 0, handoffsKilled = 0, windowRepeats = 0, repeatsOutsideWindow = 0
        var typical = 0.5
        var queued = 0
        for round in 0..<rounds {
            // Three replies acknowledged (committed with their outbox rows) before the deliverer starts.
            for index in 0..<3 {
                let ticket = tickets[(round * 3 + index) % tickets.count]
                _ = try store.send(ReplyRequest(ticketID: ticket, body: "Reply \(round).\(index): your parcel is on its way.", author: "Li Wei",
                                                idempotencyKey: "crash-\(round)-\(index)"), now: Date())
                queued += 1
            }
            let before = Self.received(folder + "/received").values.reduce(0) { $0 + max(0, $1 - 1) }
            let alsoHandoffs = round % 2 == 1
            let process = try start(["deliver", "--retry", "--db", database], environment: environment)
            usleep(UInt32(generator.delay(upTo: typical * 1.2) * 1_000_000))
            if alsoHandoffs {
                for pid in Self.handoffs(spool: spool) where Glibc.kill(pid, SIGKILL) == 0 { handoffsKilled += 1 }
            }
            if kill(process, after: 0) { landed += 1 }
            let finish = try runToEnd(["deliver", "--retry", "--db", database], environment: environment)
            typical = max(0.2, finish.seconds)
            if finish.status != 0 { failures.append("round \(round): the deliver after the kill exited \(finish.status): \(lastErrors)") }
            let repeats = Self.received(folder + "/received").values.reduce(0) { $0 + max(0, $1 - 1) } - before
            if alsoHandoffs { windowRepeats += repeats } else { repeatsOutsideWindow += repeats }
            if !alsoHandoffs && repeats > 0 { failures.append("round \(round): \(repeats) reply(ies) received twice although only kefu deliver was killed") }
        }
        let entries = try store.outboxEntries()
        let received = Self.received(folder + "/received")
        let unsent = entries.filter { $0.state != .sent }
        if !unsent.isEmpty { failures.append("\(unsent.count) replies not sent: \(unsent.prefix(3).map { "\($0.state) \($0.lastError ?? "")" })") }
        let missing = entries.filter { received[$0.mailMessageID] == nil }
        if !missing.isEmpty { failures.append("\(missing.count) acknowledged replies never reached the server") }
        let strangers = Set(received.keys).subtracting(entries.map(\.mailMessageID))
        if !strangers.isEmpty { failures.append("\(strangers.count) messages at the server that no reply queued") }
        let integrity = try store.integrityCheck()
        if integrity != ["ok"] { failures.append("integrity_check \(integrity.prefix(3))") }
        let line = "deliver: \(rounds) rounds, \(queued) replies acknowledged, \(landed) deliverer kills landed mid-run, \(handoffsKilled) handoff processes killed (odd rounds); "
            + "\(entries.count - unsent.count) sent, \(entries.count - missing.count) received, \(repeatsOutsideWindow) received twice with only kefu deliver killed, "
            + "\(windowRepeats) received twice in the documented window (handoff killed after the server took the message); integrity \(integrity == ["ok"] ? "ok" : "NOT ok")"
        return Report(line: line, failures: failures)
    }
}

struct CrashLoopError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
