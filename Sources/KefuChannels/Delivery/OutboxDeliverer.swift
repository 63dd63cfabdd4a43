import Foundation
import Logging
import Glibc
import KefuCore
import KefuMail

/// One delivery pass over the outbox: every reply that is `queued`, `sending` (a pass cut
/// short) or `failed` (and due for a retry) is handed over exactly once. The outbox is any
/// `OutboxStore` (SQLite or PostgreSQL); several deliverers may share it, each reply leased
/// to one of them at a time (`OutboxStore.claimNextDue`).
///
/// Routes: replies to conversations that came in as mail go by email (`route` `email`);
/// marketplace replies go to the marketplace's connector command when one is configured
/// (`command`), else are appended to the JSON Lines folder (`jsonl`).
///
/// Per reply:
/// 0. lease it (`claimNextDue`): no other deliverer takes it while the lease runs;
/// 1. build the bytes (email) or the line (JSON) — they depend only on stored values and the
///    evidence files checked against the hashes recorded at queue time, with the Message-ID and
///    Date fixed when the reply was queued, so every attempt is identical;
/// 2. take the reply's lock (the staged file), waiting for a handoff still running;
/// 3. read the row again: `sent` means someone else finished it; `sending` means a handoff was
///    under way — the journal (email, command) or the connector's file (JSON Lines) says
///    whether it got through, and if it did the row is marked sent without handing it over again;
/// 4. commit `sending` (and one more attempt, and a renewed lease) before anything leaves;
/// 5. hand over — the handoff process itself commits `sent` after its journal, so a deliverer
///    killed -9 after the handoff leaves no accepted reply for another machine to send again —
///    then commit `sent`, or `failed` with the reason and retry time (nothing was handed over).
///
/// A handoff is given three quarters of the lease (`handoffDeadline`) and killed when it runs
/// over, so by the time a lease lapses its handoff has ended: another deliverer never hands a
/// reply over while the first one's handoff may still be talking to the server.
///
/// A reply whose evidence cannot go as the agent saw it (record removed, file missing or
/// changed) fails at step 1 with a reason naming the evidence id: never sent without it.
/// See `SendmailHandoff` and `JSONLinesHandoff` for why each step survives kill -9.
public final class OutboxDeliverer {
    public let store: any OutboxStore
    public let settings: MailSettings
    public let spool: DeliverySpool
    /// The program and arguments that run a handoff (`kefu deliver --handoff`).
    public let handoffLauncher: [String]
    /// Where evidence attachments are read from (the store's evidence folder).
    public let attachmentFiles: ReplyAttachmentFiles
    public var maximumAttempts = 5
    /// How long a claim holds a reply (`kefu deliver --lease`); machines' clocks must agree to
    /// well within a quarter of it.
    public var leaseSeconds: Double = 120
    /// Whole seconds a handoff may take: three quarters of the lease, at least one.
    public var handoffDeadline: Int { max(1, Int(leaseSeconds * 0.75)) }
    /// Whether the handoff process records `sent` in the store itself (it is then given
    /// `--outbox-id ID --route ROUTE`): needed when deliverers elsewhere cannot see this
    /// machine's spool (a PostgreSQL store); `kefu deliver` decides.
    public var handoffRecordsSent = false
    /// Environment the handoff process gets on top of this process's (how it finds the store).
    public var handoffEnvironment: [String: String] = [:]
    /// A failed reply is retried after 30 s, 1, 2, 4 minutes...; `retryNow` ignores that.
    public var retryNow = false
    private let clock: @Sendable () -> Date

    public init(
        store: any OutboxStore, settings: MailSettings, spool: DeliverySpool, handoffLauncher: [String],
        attachmentFiles: ReplyAttachmentFiles, clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.settings = settings
        self.spool = spool
        self.handoffLauncher = handoffLauncher
        self.attachmentFiles = attachmentFiles
        self.clock = clock
    }

    public struct PassSummary: Sendable, Hashable {
        public var sent = 0
        public var failed = 0
        /// Found handed over by an earlier, interrupted pass: marked sent, not sent again.
        public var recovered = 0
        public var waiting = 0
        /// Spool files of replies already sent (and stray temporary files) removed first.
        public var swept = 0
        public init() {}
    }

    /// One pass; `shouldStop` is checked between replies. Replies are claimed one by one until
    /// none is due, so deliverers sharing the outbox split it between them.
    public func deliverPending(shouldStop: () -> Bool = { false }) throws -> PassSummary {
        var summary = PassSummary()
        summary.swept = try spool.sweep(isSent: { try store.isOutboxSent(mailMessageID: $0) })
        try releaseLeasesOfDeadNeighbours()
        let rule = OutboxClaimRule(
            leaseSeconds: leaseSeconds, maximumAttempts: maximumAttempts, retryFailedBefore: retryNow ? clock() : .distantPast,
            holder: holder)
        var triedNow = Set<Int64>()
        while !shouldStop(), let claim = try store.claimNextDue(rule: rule, now: clock()) {
            guard triedNow.insert(claim.entry.id).inserted else {
                // Skipped once already in this pass (it changed under us): leave it to the next.
                try store.releaseLease(claim.lease)
                break
            }
            let outcome: Outcome
            do {
                outcome = try deliver(claim)
            } catch let error as OutOfSpace {
                var full = error
                // No room is no fault of this reply: it is not counted as a failed attempt, its
                // lease is given back, and the pass stops (the next reply would find no room either).
                try? store.releaseLease(claim.lease)
                let before = summary.sent + summary.recovered
                full.consequence = "Reply \(claim.entry.id) (ticket #\(claim.entry.ticketID)) was not handed over and stays in the outbox for the next run; "
                    + "\(CountText.of(before, "reply", plural: "replies")) handed over before it \(before == 1 ? "is" : "are") recorded as sent."
                throw full
            }
            switch outcome {
            case .sent: summary.sent += 1
            case .recovered: summary.recovered += 1
            case .failed: summary.failed += 1
            case .skipped: try store.releaseLease(claim.lease)
            }
        }
        if !retryNow {
            summary.waiting = try store.outboxIDsWaitingToRetry(maximumAttempts: maximumAttempts, now: clock())
                .filter { !triedNow.contains($0) }.count
        }
        return summary
    }

    /// This process as a lease holder: `host~spool/pid`, the spool as a short hash of its path.
    /// Deliverers that share a host and a spool can tell each other's death and wait for each
    /// other's handoffs (the spool lock); any other holder is "another machine".
    var holder: String { Self.machine(spool: spool.folder) + "/\(getpid())" }

    static func machine(spool folder: String) -> String {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count) == 0 ? String(cString: name) : "unknown"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in folder.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return host.replacingOccurrences(of: "/", with: "_") + "~" + String(hash, radix: 16)
    }

    /// A deliverer of this machine and spool that died (kill -9, a crash) holds its leases until
    /// they lapse; its process is gone, so they are given back now, as a lone deliverer restarted
    /// after a crash expects. A handoff it started may still run: it holds the reply's spool
    /// lock, which the next claimer waits for. Holders elsewhere are left to lapse.
    func releaseLeasesOfDeadNeighbours() throws {
        let machine = Self.machine(spool: spool.folder)
        for lease in try store.liveOutboxLeases(now: clock()) {
            guard let holder = lease.holder, let slash = holder.lastIndex(of: "/"), String(holder[..<slash]) == machine,
                  let pid = pid_t(holder[holder.index(after: slash)...]), pid != getpid(), Self.isGone(pid)
            else { continue }
            try store.releaseLease(lease)
        }
    }

    /// No such process, or one that has ended and waits only to be reaped (a zombie).
    static func isGone(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 { return errno == ESRCH }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// When a reply that failed after `attempts` attempts is due again: 30 s, 1, 2, 4 minutes...
    func retryTime(afterAttempts attempts: Int) -> Date {
        clock().addingTimeInterval(30 * pow(2, Double(max(0, attempts - 1))))
    }

    enum Outcome { case sent, recovered, failed, skipped }

    func deliver(_ claim: OutboxClaim) throws -> Outcome {
        if claim.entry.isMailConversation { return try deliverByMail(claim) }
        return try deliverToMarketplace(claim)
    }

    // MARK: - Email

    /// The reply as an email, from stored values and the checked evidence files only.
    public func email(_ entry: OutboxEntry, attachments: [LoadedAttachment] = []) throws -> [UInt8] {
        guard let from = settings.from else { throw DeliveryError("no From address: set mail.from in the config file") }
        let to = MailAddress(name: entry.customerName, address: entry.customerAddress)
        let reply = OutgoingReply(
            from: from, to: [to], subject: OutgoingReply.replySubject(entry.ticketSubject), inReplyTo: entry.inReplyTo,
            references: entry.references, date: entry.queuedAt, utcOffsetSeconds: settings.utcOffsetSeconds,
            messageID: entry.mailMessageID, body: entry.body,
            attachments: attachments.map {
                OutgoingAttachment(filename: $0.attachment.filename, contentType: $0.attachment.contentType, data: $0.data)
            })
        return ReplyMIMEBuilder.build(reply)
    }

    private func deliverByMail(_ claim: OutboxClaim) throws -> Outcome {
        let entry = claim.entry
        let bytes: [UInt8]
        do {
            guard !settings.sendmail.isEmpty else { throw DeliveryError("no mail command: set mail.sendmail in the config file") }
            guard entry.customerAddress.contains("@") else { throw DeliveryError("the customer address \"\(entry.customerAddress)\" is not an email address") }
            bytes = try email(entry, attachments: try attachmentFiles.load(entry.attachments))
        } catch let error as DeliveryError {
            return try fail(claim, error.description)
        }
        let lock = try stageAndLock(entry, bytes: bytes, as: .email)
        defer { close(lock) }
        guard let current = try store.outboxEntry(id: entry.id), current.state != .sent else { return .skipped }
        if spool.isHandedOver(entry.mailMessageID) { return try finish(entry, route: "email", recovered: true) }
        guard try store.beginHandoff(claim.lease, route: "email", leaseSeconds: leaseSeconds, now: clock()) else { return .skipped }
        if let reason = SendmailHandoff.launch(
            launcher: launcher(entry, route: "email"), environment: handoffEnvironment, spool: spool, messageID: entry.mailMessageID,
            lockDescriptor: lock, command: settings.sendmail) {
            return try failUnlessRecorded(claim, route: "email", reason)
        }
        return try finish(entry, route: "email", recovered: false)
    }

    // MARK: - Marketplace: connector command or JSON Lines folder

    private func deliverToMarketplace(_ claim: OutboxClaim) throws -> Outcome {
        let entry = claim.entry
        let command = settings.marketplaceCommand(for: entry.marketplace)
        let folder = settings.marketplaceOutbox
        guard command != nil || folder != nil else {
            return try fail(claim, "no route for \(entry.marketplace.rawValue) replies: set mail.marketplace_command or mail.marketplace_outbox in the config file")
        }
        let line: [UInt8]
        do {
            line = try JSONLinesHandoff.line(entry, attachments: try attachmentFiles.load(entry.attachments))
        } catch let error as DeliveryError {
            return try fail(claim, error.description)
        }
        // The per-reply lock keeps two deliverers from both claiming and handing it over.
        let lock = try stageAndLock(entry, bytes: line, as: .line)
        defer { close(lock) }
        guard let current = try store.outboxEntry(id: entry.id), current.state != .sent else { return .skipped }
        // An earlier pass may have handed it over either way (the config can change between passes).
        if spool.isHandedOver(entry.mailMessageID) { return try finish(entry, route: "command", recovered: true) }
        if current.state == .sending, let folder, try JSONLinesHandoff(folder: folder).contains(entry.idempotencyKey) {
            return try finish(entry, route: "jsonl", recovered: true)
        }
        if let command {
            guard try store.beginHandoff(claim.lease, route: "command", leaseSeconds: leaseSeconds, now: clock()) else { return .skipped }
            if let reason = SendmailHandoff.launch(
                launcher: launcher(entry, route: "command"), environment: handoffEnvironment, spool: spool,
                messageID: entry.mailMessageID, staged: .line, lockDescriptor: lock, command: command) {
                return try failUnlessRecorded(claim, route: "command", reason)
            }
            return try finish(entry, route: "command", recovered: false)
        }
        guard let folder else { return .skipped }
        guard try store.beginHandoff(claim.lease, route: "jsonl", leaseSeconds: leaseSeconds, now: clock()) else { return .skipped }
        let handoff = JSONLinesHandoff(folder: folder)
        do {
            try handoff.deliver(entry, line: line, checkFirst: current.state != .queued)
        } catch let error as DeliveryError where error.isOutOfSpace {
            // The file is as it was before the write (see `JSONLinesHandoff.deliver`).
            throw OutOfSpace(writing: "the marketplace outbox", path: handoff.path, systemError: error.systemError)
        } catch let error as DeliveryError {
            return try fail(claim, error.description)
        }
        return try finish(entry, route: "jsonl", recovered: false)
    }

    /// The spool's staged file and its lock; no room to stage it is `OutOfSpace`.
    private func stageAndLock(_ entry: OutboxEntry, bytes: [UInt8], as staged: DeliverySpool.Staged) throws -> Int32 {
        do {
            return try spool.stageAndLock(entry.mailMessageID, bytes: bytes, as: staged)
        } catch let error as DeliveryError where error.isOutOfSpace {
            throw OutOfSpace(writing: "the delivery spool", path: spool.folder, systemError: error.systemError)
        }
    }

    // MARK: - Outcomes

    /// Delivery attempts by outbox id, attempt and route; the reason is redacted by the log
    /// handler (a mail server's words may name an address).
    static let log = Logger(label: "kefu.deliver")

    /// The handoff process's arguments for this reply: its deadline, and where to record `sent`.
    private func launcher(_ entry: OutboxEntry, route: String) -> [String] {
        handoffLauncher + ["--deadline", String(handoffDeadline)]
            + (handoffRecordsSent ? ["--outbox-id", String(entry.id), "--route", route] : [])
    }

    /// The handoff records `sent` itself; when it did, a journal missing now was swept by a
    /// neighbour that saw the row sent, and the reply is handed over all the same.
    private func failUnlessRecorded(_ claim: OutboxClaim, route: String, _ reason: String) throws -> Outcome {
        if try store.isOutboxSent(mailMessageID: claim.entry.mailMessageID) { return try finish(claim.entry, route: route, recovered: false) }
        return try fail(claim, reason)
    }

    private func fail(_ claim: OutboxClaim, _ reason: String) throws -> Outcome {
        let entry = claim.entry
        // The attempt just made counts when the handoff began (the row says so by now).
        let attempts = try store.outboxEntry(id: entry.id)?.attempts ?? entry.attempts
        try store.markFailed(claim.lease, reason: reason, retryAt: retryTime(afterAttempts: attempts), now: clock())
        Self.log.warning("delivery failed", metadata: [
            "outbox": "\(entry.id)", "ticket": "\(entry.ticketID)", "attempt": "\(entry.attempts + 1)", "reason": "\(reason)",
        ])
        return .failed
    }

    private func finish(_ entry: OutboxEntry, route: String, recovered: Bool) throws -> Outcome {
        // A handoff that records `sent` itself has done so: a read, not a second commit.
        let recordedByHandoff = handoffRecordsSent && route != "jsonl" && !recovered
        if try !recordedByHandoff || !store.isOutboxSent(mailMessageID: entry.mailMessageID) {
            try store.markSent(id: entry.id, route: route, now: clock())
        }
        Self.log.info(recovered ? "delivery found already handed over" : "delivered", metadata: [
            "outbox": "\(entry.id)", "ticket": "\(entry.ticketID)", "attempt": "\(entry.attempts + 1)", "route": "\(route)",
        ])
        removeSpoolFiles(entry)
        return recovered ? .recovered : .sent
    }

    /// Once `sent` is committed the row never goes back, so its staged file and journal have
    /// served; a crash before this leaves them behind, and the next pass's sweep removes them.
    private func removeSpoolFiles(_ entry: OutboxEntry) {
        for staged in DeliverySpool.Staged.allCases { unlink(spool.messagePath(entry.mailMessageID, staged)) }
        unlink(spool.journalPath(entry.mailMessageID))
    }
}
