import Foundation
import Glibc
import KefuCore
import KefuTestSupport
import Testing

/// Several `kefu deliver --watch` share one outbox, as a team runs them on several machines
/// against one PostgreSQL store (and, on one machine, against a SQLite file): every reply
/// reaches the SMTP server exactly once, counted by Message-ID, even when one of the deliverers
/// is killed -9 in the middle (one running as another machine, whose lease must lapse).
@Suite("Delivery by many deliverers", .serialized)
struct DeliveryByManyTests {
    @Test("3 kefu deliver --watch on one outbox, one killed -9 mid-run: every reply received exactly once", arguments: StoreBackend.allCases)
    func threeDeliverers(_ backend: StoreBackend) throws {
        let scratch = try Scratch()
        let sink = try SMTPSink(scratch: scratch)
        let temp = try BackendStore(backend)
        let msmtprc = scratch.path("msmtprc")
        try "defaults\nauth off\ntls off\nsyslog off\naccount default\nhost 127.0.0.1\nport \(sink.port)\nfrom support@shop.example\n"
            .write(toFile: msmtprc, atomically: true, encoding: .utf8)
        chmod(msmtprc, 0o600)
        let config = scratch.path("kefu.yaml")
        try """
            mail:
              from: "Shop Team <support@shop.example>"
              sendmail: [msmtp, -C, "\(msmtprc)", -t, -i]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        // The spool (and evidence folder) of a PostgreSQL store lives in the data folder.
        let environment = ["KEFU_CONFIG": config, "XDG_DATA_HOME": scratch.path("data")]
        // Exit status 1: the fixtures include broken mail, quarantined on purpose.
        try KefuBinary.run(["import", "maildir", "--db", temp.location, DeliverySetup.threads], environment: environment, check: false)
        let store = temp.store
        let mailTickets = try store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 100)
            .filter { $0.channel == .email && $0.customerAddress.contains("@") }.map(\.id)
        try #require(!mailTickets.isEmpty)
        let replies = 24
        for index in 0..<replies {
            _ = try store.send(ReplyRequest(ticketID: mailTickets[index % mailTickets.count], body: "Reply \(index).", author: "Li Wei",
                                            idempotencyKey: "many-\(index)"), now: Date())
        }

        // The first deliverer runs as "another machine": its own host name (a UTS namespace) and
        // its own data folder, so the others cannot see its process die nor read its journals:
        // its lease has to lapse, and the sent it records from its handoffs has to be in the store.
        let arguments = [KefuBinary.path, "deliver", "--watch", "--interval", "0.2", "--lease", "3", "--db", temp.location]
        let otherMachine = ["/usr/bin/unshare"] + (geteuid() == 0 ? [] : ["--map-root-user"])
            + ["--uts", "/bin/sh", "-c", "hostname kefu-machine-b && exec \"$0\" \"$@\""]
        var machineB = environment
        machineB["XDG_DATA_HOME"] = scratch.path("data-machine-b")
        let deliverers = [try BackgroundProcess(otherMachine + arguments, environment: machineB, folder: scratch.url.path)]
            + (try (1..<3).map { _ in try BackgroundProcess(arguments, environment: environment, folder: scratch.url.path) })
        try BackgroundProcess.waitUntil("a third of the replies at the SMTP server", timeout: 60) { sink.messages().count >= replies / 3 }
        // Killed while it holds a reply, so that reply can only go out once its lease has lapsed.
        var heldByMachineB: OutboxLease?
        try BackgroundProcess.waitUntil("machine b to hold a reply", timeout: 20) {
            heldByMachineB = try store.liveOutboxLeases(now: Date()).first { $0.holder?.hasPrefix("kefu-machine-b~") == true }
            if heldByMachineB != nil { deliverers[0].signal(SIGKILL) }
            return heldByMachineB != nil
        }
        #expect(deliverers[0].wait(timeout: 10) == 128 + SIGKILL)
        try BackgroundProcess.waitUntil("every reply sent", timeout: 60) {
            try store.outboxEntries(states: [.queued, .sending, .failed]).isEmpty
        }
        for deliverer in deliverers.dropFirst() {
            deliverer.signal(SIGINT)
            #expect(deliverer.wait(timeout: 15) == 0, "\(deliverer.errorOutput)")
        }

        let entries = try store.outboxEntries()
        let orphaned = try #require(heldByMachineB)
        #expect(try store.outboxEntry(id: orphaned.outboxID)?.state == .sent, "the reply machine b held went out after its lease")
        #expect(entries.count == replies && entries.allSatisfy { $0.state == .sent && $0.route == "email" })
        let received = sink.messages().map { message -> String in
            let text = String(decoding: message, as: UTF8.self)
            let line = text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID: ") } ?? ""
            return String(line.dropFirst("Message-ID: <".count).dropLast())
        }
        #expect(received.count == replies, "received \(received.count) messages for \(replies) replies")
        #expect(received.sorted() == entries.map(\.mailMessageID).sorted(), "each reply exactly once, by Message-ID")
        // The survivors shared the work (each says how many it handed over).
        let delivered = deliverers.dropFirst().map { process in
            process.output.split(separator: "\n").compactMap { line -> Int? in
                guard line.hasPrefix("Delivered ") else { return nil }
                return Int(line.dropFirst("Delivered ".count).prefix { $0.isNumber })
            }.reduce(0, +)
        }
        #expect(delivered.allSatisfy { $0 > 0 }, "per surviving deliverer: \(delivered)")
    }

    @Test("A handoff that runs past three quarters of the lease is killed: the reply is failed with the reason, never left half-held")
    func handoffDeadline() throws {
        let scratch = try Scratch()
        let temp = try BackendStore(.sqlite)
        let config = scratch.path("kefu.yaml")
        // A mail command that hangs (a server that never answers).
        try """
            mail:
              from: "Shop Team <support@shop.example>"
              sendmail: [/bin/sleep, "30"]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let environment = ["KEFU_CONFIG": config]
        try KefuBinary.run(["import", "maildir", "--db", temp.location, DeliverySetup.threads], environment: environment, check: false)
        let ticket = try #require(try temp.store.queue(QueueQuery(view: .allOpen, now: Date()), after: nil, limit: 100)
            .first { $0.channel == .email && $0.customerAddress.contains("@") })
        _ = try temp.store.send(ReplyRequest(ticketID: ticket.id, body: "Hello.", author: "Li Wei", idempotencyKey: "slow-1"), now: Date())
        let started = Date()
        let pass = try KefuBinary.run(["deliver", "--lease", "2", "--db", temp.location], environment: environment, check: false)
        #expect(pass.status == 1)
        #expect(Date().timeIntervalSince(started) < 10, "the handoff was not cut short")
        #expect(pass.output.contains("Delivered 0 replies") && pass.output.contains("1 failed"))
        let entry = try #require(try temp.store.outboxEntries().first)
        #expect(entry.state == .failed && entry.leaseUntil == nil && entry.retryAt != nil)
        #expect(entry.lastError?.contains("did not finish within the handoff's deadline") == true, "\(entry.lastError ?? "")")
    }
}
