import Foundation
import Glibc
import KefuCore
import KefuMail
import KefuStore

/// One delivery pass over the outbox: every reply that is `queued`, `sending` (a pass cut
/// short) or `failed` (and due for a retry) is handed over exactly once.
///
/// Per reply:
/// 1. build the bytes (email) or the line (JSON Lines) — they depend only on stored values,
///    the Message-ID and Date fixed when the reply was queued, so every attempt is identical;
/// 2. take the reply's lock (the spooled `.eml` file), waiting for a handoff still running;
/// 3. read the row again: `sent` means someone else finished it; `sending` means a handoff was
///    under way — the journal (email) or the connector's file (JSON Lines) says whether it got
///    through, and if it did the row is marked sent without handing it over again;
/// 4. commit `sending` (and one more attempt) before anything leaves;
/// 5. hand over, then commit `sent`, or `failed` with the reason (nothing was handed over).
///
/// See `SendmailHandoff` and `JSONLinesHandoff` for why each step survives kill -9.
public final class OutboxDeliverer {
    public let store: SQLiteTicketStore
    public let settings: MailSettings
    public let spool: DeliverySpool
    /// The program and arguments that run a handoff (`kefu deliver --handoff`).
    public let handoffLauncher: [String]
    public var maximumAttempts = 5
    /// A failed reply is retried after 30 s, 1, 2, 4 minutes...; `retryNow` ignores that.
    public var retryNow = false
    private let clock: @Sendable () -> Date

    public init(
        store: SQLiteTicketStore, settings: MailSettings, spool: DeliverySpool, handoffLauncher: [String],
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.settings = settings
        self.spool = spool
        self.handoffLauncher = handoffLauncher
        self.clock = clock
    }

    public struct PassSummary: Sendable, Hashable {
        public var sent = 0
        public var failed = 0
        /// Found handed over by an earlier, interrupted pass: marked sent, not sent again.
        public var recovered = 0
        public var waiting = 0
        public init() {}
    }

    /// One pass; `shouldStop` is checked between replies.
    public func deliverPending(shouldStop: () -> Bool = { false }) throws -> PassSummary {
        var summary = PassSummary()
        for entry in try store.outboxEntries(states: [.queued, .sending, .failed]) {
            if shouldStop() { break }
            if entry.state == .failed && !isDue(entry) {
                summary.waiting += 1
                continue
            }
            switch try deliver(entry) {
            case .sent: summary.sent += 1
            case .recovered: summary.recovered += 1
            case .failed: summary.failed += 1
            case .skipped: break
            }
        }
        return summary
    }

    func isDue(_ entry: OutboxEntry) -> Bool {
        if retryNow { return true }
        guard entry.attempts < maximumAttempts else { return false }
        let wait = 30 * pow(2, Double(max(0, entry.attempts - 1)))
        return clock().timeIntervalSince(entry.updatedAt) >= wait
    }

    enum Outcome { case sent, recovered, failed, skipped }

    func deliver(_ entry: OutboxEntry) throws -> Outcome {
        if entry.isMailConversation { return try deliverByMail(entry) }
        return try deliverAsJSONLine(entry)
    }

    // MARK: - Email

    /// The reply as an email, from stored values only.
    public func email(_ entry: OutboxEntry) throws -> [UInt8] {
        guard let from = settings.from else { throw DeliveryError("no From address: set mail.from in the config file") }
        let to = MailAddress(name: entry.customerName, address: entry.customerAddress)
        let reply = OutgoingReply(
            from: from, to: [to], subject: OutgoingReply.replySubject(entry.ticketSubject), inReplyTo: entry.inReplyTo,
            references: entry.references, date: entry.queuedAt, utcOffsetSeconds: settings.utcOffsetSeconds,
            messageID: entry.mailMessageID, body: entry.body)
        return ReplyMIMEBuilder.build(reply)
    }

    private func deliverByMail(_ entry: OutboxEntry) throws -> Outcome {
        let bytes: [UInt8]
        do {
            guard !settings.sendmail.isEmpty else { throw DeliveryError("no mail command: set mail.sendmail in the config file") }
            guard entry.customerAddress.contains("@") else { throw DeliveryError("the customer address \"\(entry.customerAddress)\" is not an email address") }
            bytes = try email(entry)
        } catch let error as DeliveryError {
            try store.markFailed(id: entry.id, reason: error.description, now: clock())
            return .failed
        }
        let lock = try spool.stageAndLock(entry.mailMessageID, bytes: bytes)
        defer { close(lock) }
        guard let current = try store.outboxEntry(id: entry.id), current.state != .sent else { return .skipped }
        if spool.isHandedOver(entry.mailMessageID) {
            try store.markSent(id: entry.id, route: "email", now: clock())
            removeSpoolFiles(entry)
            return .recovered
        }
        guard try store.claimForSending(id: entry.id, route: "email", now: clock()) else { return .skipped }
        if let reason = SendmailHandoff.launch(
            launcher: handoffLauncher, spool: spool, messageID: entry.mailMessageID, lockDescriptor: lock, command: settings.sendmail) {
            try store.markFailed(id: entry.id, reason: reason, now: clock())
            return .failed
        }
        try store.markSent(id: entry.id, route: "email", now: clock())
        removeSpoolFiles(entry)
        return .sent
    }

    /// Once `sent` is committed the row never goes back, so its staged file and journal have
    /// served; a crash before this leaves them behind, harmlessly.
    private func removeSpoolFiles(_ entry: OutboxEntry) {
        unlink(spool.messagePath(entry.mailMessageID))
        unlink(spool.journalPath(entry.mailMessageID))
    }

    // MARK: - JSON Lines

    private func deliverAsJSONLine(_ entry: OutboxEntry) throws -> Outcome {
        guard let folder = settings.marketplaceOutbox else {
            try store.markFailed(id: entry.id, reason: "no marketplace outbox: set mail.marketplace_outbox in the config file", now: clock())
            return .failed
        }
        let handoff = JSONLinesHandoff(folder: folder)
        // The per-reply lock keeps two deliverers from both claiming and writing it.
        let lock = try spool.stageAndLock(entry.mailMessageID, bytes: try JSONLinesHandoff.line(entry))
        defer { close(lock) }
        guard let current = try store.outboxEntry(id: entry.id), current.state != .sent else { return .skipped }
        if current.state == .sending, try handoff.contains(entry.idempotencyKey) {
            try store.markSent(id: entry.id, route: "jsonl", now: clock())
            removeSpoolFiles(entry)
            return .recovered
        }
        guard try store.claimForSending(id: entry.id, route: "jsonl", now: clock()) else { return .skipped }
        do {
            try handoff.deliver(entry, checkFirst: current.state != .queued)
        } catch let error as DeliveryError {
            try store.markFailed(id: entry.id, reason: error.description, now: clock())
            return .failed
        }
        try store.markSent(id: entry.id, route: "jsonl", now: clock())
        removeSpoolFiles(entry)
        return .sent
    }
}
